import Foundation

// What MLflow's REST API answers (mlflow.org/docs/latest/rest-api.html; checked against
// `mlflow server` 3.17): protobuf messages written as JSON. Numbers are read leniently, as
// protobuf's JSON mapping allows: an int64 may come as a string, a double as "NaN",
// "Infinity" or "-Infinity". Only the fields scaletop uses are decoded; others are ignored.

/// An experiment from `experiments/search`.
public struct MLflowExperiment: Sendable, Equatable, Decodable {
    public var id: String
    public var name: String
    public var lifecycleStage: String?

    public init(id: String, name: String, lifecycleStage: String? = "active") {
        self.id = id
        self.name = name
        self.lifecycleStage = lifecycleStage
    }

    enum CodingKeys: String, CodingKey {
        case id = "experiment_id", name, lifecycleStage = "lifecycle_stage"
    }
}

/// One logged value: a metric's latest in a run listing, or a point of its history.
public struct MLflowMetric: Sendable, Equatable, Decodable {
    public var key: String
    /// NaN and ±infinity are kept as logged; the follower reports them.
    public var value: Double
    /// Milliseconds since the Unix epoch.
    public var timestamp: Int64
    public var step: Int64

    public init(key: String, value: Double, timestamp: Int64, step: Int64) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.step = step
    }

    enum CodingKeys: String, CodingKey { case key, value, timestamp, step }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        value = try c.decodeIfPresent(LenientDouble.self, forKey: .value)?.value ?? 0
        timestamp = try c.decodeIfPresent(LenientInt64.self, forKey: .timestamp)?.value ?? 0
        // An unset step is 0 (proto default), as MLflow's client reads it.
        step = try c.decodeIfPresent(LenientInt64.self, forKey: .step)?.value ?? 0
    }

    /// Whether the value is a number to plot: not NaN nor infinite, nor the largest double,
    /// which is how MLflow's SQL stores keep an infinity.
    public var hasFiniteValue: Bool {
        value.isFinite && abs(value) < Double.greatestFiniteMagnitude
    }

    /// Equal as logged (NaN equal to NaN): what a re-read page is compared with.
    public func isSameRecord(as other: MLflowMetric) -> Bool {
        key == other.key && timestamp == other.timestamp && step == other.step
            && (value == other.value || (value.isNaN && other.value.isNaN))
    }
}

public struct MLflowKeyValue: Sendable, Equatable, Decodable {
    public var key: String
    public var value: String

    enum CodingKeys: String, CodingKey { case key, value }

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
    }
}

/// A run as `runs/search` and `runs/get` give it: its info, params, tags and the latest
/// value of each metric.
public struct MLflowRun: Sendable, Equatable, Decodable {
    public var id: String
    public var experimentID: String
    /// `run_name` of the info, else the `mlflow.runName` tag.
    public var name: String?
    /// RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.
    public var status: String
    /// Milliseconds since the Unix epoch.
    public var startTime: Int64?
    public var endTime: Int64?
    public var lifecycleStage: String
    public var params: [String: String]
    public var tags: [String: String]
    /// The latest value of each metric (by step, then time), by key.
    public var latestMetrics: [String: MLflowMetric]

    public init(id: String, experimentID: String, name: String? = nil, status: String = "RUNNING", startTime: Int64? = nil,
                endTime: Int64? = nil, lifecycleStage: String = "active", params: [String: String] = [:],
                tags: [String: String] = [:], latestMetrics: [String: MLflowMetric] = [:]) {
        self.id = id
        self.experimentID = experimentID
        self.name = name
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.lifecycleStage = lifecycleStage
        self.params = params
        self.tags = tags
        self.latestMetrics = latestMetrics
    }

    enum CodingKeys: String, CodingKey { case info, data }
    enum InfoKeys: String, CodingKey {
        case runID = "run_id", runUUID = "run_uuid", experimentID = "experiment_id", runName = "run_name", status,
             startTime = "start_time", endTime = "end_time", lifecycleStage = "lifecycle_stage"
    }
    enum DataKeys: String, CodingKey { case metrics, params, tags }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let info = try c.nestedContainer(keyedBy: InfoKeys.self, forKey: .info)
        guard let id = try info.decodeIfPresent(String.self, forKey: .runID) ?? info.decodeIfPresent(String.self, forKey: .runUUID),
              !id.isEmpty else {
            throw DecodingError.keyNotFound(InfoKeys.runID, .init(codingPath: info.codingPath, debugDescription: "a run without run_id"))
        }
        self.id = id
        experimentID = try info.decodeIfPresent(String.self, forKey: .experimentID) ?? ""
        status = try info.decodeIfPresent(String.self, forKey: .status) ?? "RUNNING"
        startTime = try info.decodeIfPresent(LenientInt64.self, forKey: .startTime)?.value
        endTime = try info.decodeIfPresent(LenientInt64.self, forKey: .endTime)?.value
        lifecycleStage = try info.decodeIfPresent(String.self, forKey: .lifecycleStage) ?? "active"
        params = [:]
        tags = [:]
        latestMetrics = [:]
        if c.contains(.data) {
            let data = try c.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
            for p in try data.decodeIfPresent([MLflowKeyValue].self, forKey: .params) ?? [] { params[p.key] = p.value }
            for t in try data.decodeIfPresent([MLflowKeyValue].self, forKey: .tags) ?? [] { tags[t.key] = t.value }
            for m in try data.decodeIfPresent([MLflowMetric].self, forKey: .metrics) ?? [] { latestMetrics[m.key] = m }
        }
        let runName = try info.decodeIfPresent(String.self, forKey: .runName)
        name = (runName?.isEmpty == false ? runName : nil) ?? tags["mlflow.runName"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `experiments/search`'s answer.
struct ExperimentsPage: Decodable {
    var experiments: [MLflowExperiment]
    var nextPageToken: String?

    enum CodingKeys: String, CodingKey { case experiments, nextPageToken = "next_page_token" }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        experiments = try c.decodeIfPresent([MLflowExperiment].self, forKey: .experiments) ?? []
        nextPageToken = try c.decodeIfPresent(String.self, forKey: .nextPageToken).flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `runs/search`'s answer.
struct RunsPage: Decodable {
    var runs: [MLflowRun]
    var nextPageToken: String?

    enum CodingKeys: String, CodingKey { case runs, nextPageToken = "next_page_token" }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runs = try c.decodeIfPresent([MLflowRun].self, forKey: .runs) ?? []
        nextPageToken = try c.decodeIfPresent(String.self, forKey: .nextPageToken).flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `runs/get`'s answer.
struct RunAnswer: Decodable {
    var run: MLflowRun
}

/// `metrics/get-history`'s answer: one page of a metric's history.
public struct HistoryPage: Sendable, Equatable, Decodable {
    public var metrics: [MLflowMetric]
    public var nextPageToken: String?

    public init(metrics: [MLflowMetric], nextPageToken: String?) {
        self.metrics = metrics
        self.nextPageToken = nextPageToken
    }

    enum CodingKeys: String, CodingKey { case metrics, nextPageToken = "next_page_token" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metrics = try c.decodeIfPresent([MLflowMetric].self, forKey: .metrics) ?? []
        nextPageToken = try c.decodeIfPresent(String.self, forKey: .nextPageToken).flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// MLflow's error body: `{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "…"}`.
struct MLflowErrorBody: Decodable {
    var errorCode: String?
    var message: String?

    enum CodingKeys: String, CodingKey { case errorCode = "error_code", message }
}

/// A double as protobuf's JSON mapping writes it: a number, or a string holding a number,
/// "NaN", "Infinity" or "-Infinity".
struct LenientDouble: Decodable {
    var value: Double

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Double.self) {
            value = v
            return
        }
        let text = try c.decode(String.self)
        switch text {
        case "NaN", "nan": value = .nan
        case "Infinity", "inf": value = .infinity
        case "-Infinity", "-inf": value = -.infinity
        default:
            guard let v = Double(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text.prefix(40))' is not a number")
            }
            value = v
        }
    }
}

/// An int64 as protobuf's JSON mapping writes it: a number or a string of digits.
struct LenientInt64: Decodable {
    var value: Int64

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Int64.self) {
            value = v
            return
        }
        if let d = try? c.decode(Double.self), d.isFinite, d.rounded() == d, abs(d) < 9.2e18 {
            value = Int64(d)
            return
        }
        let text = try c.decode(String.self)
        guard let v = Int64(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text.prefix(40))' is not a whole number")
        }
        value = v
    }
}
