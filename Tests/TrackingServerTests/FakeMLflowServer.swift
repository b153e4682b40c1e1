import Foundation
import TrackingServer

/// An MLflow tracking server in memory, answering the calls scaletop makes as MLflow 3.17's
/// SQL store does (histories in (timestamp, step, value) order, page tokens that are
/// offsets, only active runs listed, the running filter). Records every call, and fails on
/// demand, for the sync's unit tests; the real server is tested in MLflowServerTests.
final class FakeMLflowServer: HTTPTransport, @unchecked Sendable {
    struct StoredRun {
        var run: MLflowRun
        var history: [String: [MLflowMetric]] = [:]
    }

    private let lock = NSLock()
    private var experiments: [MLflowExperiment] = [MLflowExperiment(id: "0", name: "Default")]
    private var runs: [String: StoredRun] = [:]
    private var order: [String] = []
    private(set) var calls: [HTTPCall] = []
    /// Fail every call from now on with this fault, until cleared.
    var failure: ServerFault?
    /// Fail only calls whose path contains this text.
    var failingPath: String?

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    func addExperiment(_ id: String, _ name: String) {
        locked { experiments.append(MLflowExperiment(id: id, name: name)) }
    }

    func createRun(_ id: String, experiment: String = "0", name: String, status: String = "RUNNING",
                   params: [String: String] = [:], tags: [String: String] = [:]) {
        locked {
            var tagsWithName = tags
            tagsWithName["mlflow.runName"] = name
            runs[id] = StoredRun(run: MLflowRun(id: id, experimentID: experiment, name: name, status: status, startTime: 1_000,
                                                params: params, tags: tagsWithName))
            order.insert(id, at: 0)
        }
    }

    /// Log values as MLflow does: into the history, keeping it in (timestamp, step, value)
    /// order, and into the run's latest metrics (by step, then time, then value).
    func log(_ id: String, _ key: String, _ points: [(step: Int64, value: Double, timestamp: Int64)]) {
        locked {
            for p in points {
                let metric = MLflowMetric(key: key, value: p.value, timestamp: p.timestamp, step: p.step)
                var history = runs[id]!.history[key, default: []]
                let at = history.firstIndex { ($0.timestamp, $0.step, $0.value) > (metric.timestamp, metric.step, metric.value) }
                history.insert(metric, at: at ?? history.count)
                runs[id]!.history[key] = history
                if let latest = runs[id]!.run.latestMetrics[key],
                   (latest.step, latest.timestamp, latest.value) > (metric.step, metric.timestamp, metric.value) { continue }
                runs[id]!.run.latestMetrics[key] = metric
            }
        }
    }

    func history(_ id: String, _ key: String) -> [MLflowMetric] {
        locked { runs[id]?.history[key] ?? [] }
    }

    func setStatus(_ id: String, _ status: String, endTime: Int64? = nil) {
        locked {
            runs[id]!.run.status = status
            runs[id]!.run.endTime = endTime
        }
    }

    func setParam(_ id: String, _ key: String, _ value: String) {
        locked { runs[id]!.run.params[key] = value }
    }

    func delete(_ id: String) {
        locked { runs[id]!.run.lifecycleStage = "deleted" }
    }

    func callCount(containing text: String) -> Int {
        locked { calls.filter { $0.path.contains(text) }.count }
    }

    func clearCalls() {
        locked { calls = [] }
    }

    // MARK: HTTPTransport

    func send(_ call: HTTPCall) async throws -> HTTPReply {
        try locked {
            calls.append(call)
            if let failure, failingPath.map({ call.path.contains($0) }) ?? true { throw failure }
            return try answer(call)
        }
    }

    func shutdown() async {}

    private func answer(_ call: HTTPCall) throws -> HTTPReply {
        let path = String(call.path.prefix { $0 != "?" })
        let query = Self.query(call.path)
        let body = call.body.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] } ?? [:]
        switch path {
        case "/api/2.0/mlflow/experiments/search":
            return json(["experiments": experiments.map { ["experiment_id": $0.id, "name": $0.name, "lifecycle_stage": "active"] }])
        case "/api/2.0/mlflow/runs/search":
            let ids = Set(body["experiment_ids"] as? [String] ?? [])
            let runningOnly = (body["filter"] as? String) == "attributes.status = 'RUNNING'"
            let listed = order.compactMap { runs[$0]?.run }.filter {
                ids.contains($0.experimentID) && $0.lifecycleStage == "active" && (!runningOnly || $0.status == "RUNNING")
            }
            let limit = body["max_results"] as? Int ?? 1000
            let offset = (body["page_token"] as? String).flatMap(Int.init) ?? 0
            var answer: [String: Any] = ["runs": listed.dropFirst(offset).prefix(limit).map(Self.runJSON)]
            if offset + limit < listed.count { answer["next_page_token"] = String(offset + limit) }
            return json(answer)
        case "/api/2.0/mlflow/runs/get":
            guard let stored = runs[query["run_id"] ?? ""] else { return notFound() }
            return json(["run": Self.runJSON(stored.run)])
        case "/api/2.0/mlflow/metrics/get-history":
            guard let stored = runs[query["run_id"] ?? ""] else { return notFound() }
            let history = stored.history[query["metric_key"] ?? ""] ?? []
            let offset = query["page_token"].flatMap(Int.init) ?? 0
            let limit = Int(query["max_results"] ?? "") ?? history.count
            let page = Array(history.dropFirst(offset).prefix(limit))
            var answer: [String: Any] = ["metrics": page.map { ["key": $0.key, "value": $0.value.isNaN ? "NaN" as Any : $0.value,
                                                                 "timestamp": $0.timestamp, "step": $0.step] as [String: Any] }]
            if offset + limit < history.count { answer["next_page_token"] = String(offset + limit) }
            return json(answer)
        default:
            return HTTPReply(status: 404, contentType: "text/html", body: Array("<html>404</html>".utf8))
        }
    }

    private func notFound() -> HTTPReply {
        HTTPReply(status: 404, contentType: "application/json",
                  body: Array(#"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run not found"}"#.utf8))
    }

    private func json(_ object: [String: Any]) -> HTTPReply {
        HTTPReply(status: 200, contentType: "application/json", body: Array(try! JSONSerialization.data(withJSONObject: object)))
    }

    static func runJSON(_ run: MLflowRun) -> [String: Any] {
        var info: [String: Any] = ["run_id": run.id, "run_uuid": run.id, "experiment_id": run.experimentID, "status": run.status,
                                   "lifecycle_stage": run.lifecycleStage, "run_name": run.name ?? ""]
        info["start_time"] = run.startTime
        info["end_time"] = run.endTime
        return ["info": info, "data": [
            "params": run.params.map { ["key": $0.key, "value": $0.value] },
            "tags": run.tags.map { ["key": $0.key, "value": $0.value] },
            "metrics": run.latestMetrics.values.map { ["key": $0.key, "value": $0.value, "timestamp": $0.timestamp, "step": $0.step] },
        ]]
    }

    static func query(_ path: String) -> [String: String] {
        guard let mark = path.firstIndex(of: "?") else { return [:] }
        var out: [String: String] = [:]
        for pair in path[path.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            if parts.count == 2 { out[parts[0]] = parts[1] }
        }
        return out
    }
}
