import Foundation

/// An MLflow file-store run: `mlruns/<experiment_id>/<run_id>/` with `meta.yaml`,
/// `metrics/<key>` (nested keys in sub-folders), `params/<name>` (one value per file, no
/// newline) and `tags/<name>` (shared/log-formats.md §4). What a run is, which metric files
/// make its curve, and its metadata. Only `isRunFolder(atPath:)` and `metricFiles(inRun:)`
/// read the file system; everything else takes bytes.
public enum MLflowRunFolder {
    public static let metaFileName = "meta.yaml"

    /// The run statuses of `meta.yaml` (an integer enum there, a word in the SQLite store).
    public static let statusNames = [1: "RUNNING", 2: "SCHEDULED", 3: "FINISHED", 4: "FAILED", 5: "KILLED"]

    /// Whether a folder with these entries is a run: it holds `meta.yaml` and `metrics/`,
    /// and is not in `.trash` or a 3.x logged model (`<exp>/models/<id>/`, which also has
    /// metrics). An experiment folder holds `meta.yaml` but no `metrics/`.
    public static func isRunFolder(_ path: String, entries: some Sequence<String>) -> Bool {
        let parts = path.split(separator: "/")
        if parts.contains(".trash") { return false }
        if parts.count >= 2, parts[parts.count - 2] == "models" { return false }
        let names = Set(entries)
        return names.contains(metaFileName) && names.contains("metrics")
    }

    public static func isRunFolder(atPath path: String) -> Bool {
        let entries = RunDiscovery.entries(of: path)
        guard entries.folders.contains("metrics") else { return false }
        return isRunFolder(path, entries: entries.files + entries.folders)
    }

    /// Every metric file of a run, by key (`metrics/train/loss` → `train/loss`).
    public static func metricFiles(inRun runFolder: String) -> [String: String] {
        files(under: runFolder + "/metrics")
    }

    /// Every file under `folder` (nested names joined with `/`) by name → path, as the
    /// params, tags and metrics folders hold them.
    static func files(under folder: String, prefix: String = "") -> [String: String] {
        let entries = RunDiscovery.entries(of: folder)
        var files: [String: String] = [:]
        for name in entries.files { files[prefix + name] = folder + "/" + name }
        for sub in entries.folders {
            files.merge(self.files(under: folder + "/" + sub, prefix: prefix + sub + "/")) { a, _ in a }
        }
        return files
    }

    /// The key whose file is the run's loss curve: the first of `columns.loss` the run has.
    public static func lossKey(among keys: some Collection<String>, columns: MetricColumns = .standard) -> String? {
        columns.loss.first { keys.contains($0) }
    }

    public static func learningRateKey(among keys: some Collection<String>, columns: MetricColumns = .standard) -> String? {
        columns.learningRate.first { keys.contains($0) }
    }

    public static func tokensKey(among keys: some Collection<String>, columns: MetricColumns = .standard) -> String? {
        columns.tokens.first { keys.contains($0) }
    }

    /// The loss series with the learning rate and tokens logged at the same steps attached.
    /// For a step logged more than once (a resumed run), the last value wins.
    public static func points(loss: [MetricPoint], learningRate: [MetricPoint] = [], tokens: [MetricPoint] = []) -> [MetricPoint] {
        let rate = Dictionary(learningRate.map { ($0.step, $0.loss) }, uniquingKeysWith: { _, last in last })
        let seen = Dictionary(tokens.map { ($0.step, $0.loss) }, uniquingKeysWith: { _, last in last })
        return loss.map { point in
            var p = point
            if p.learningRate == nil { p.learningRate = rate[p.step] }
            if p.tokens == nil { p.tokens = seen[p.step] }
            return p
        }
    }

    /// What `meta.yaml` and the tags say about a run.
    public struct RunInfo: Sendable, Equatable {
        public var runID: String?
        public var experimentID: String?
        /// `run_name`, else the `mlflow.runName` tag, else nil.
        public var name: String?
        /// RUNNING, FINISHED, FAILED, KILLED or SCHEDULED; a crashed run stays RUNNING.
        public var status: String?
        public var startTime: Double?
        public var endTime: Double?
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// 1-based line of the fault, when the YAML parser says.
        public var line: Int?
    }

    public static func runInfo(metaYAML: [UInt8], tags: [String: String] = [:]) throws(Failure) -> RunInfo {
        let loaded: Any?
        do throws(SafeYAML.Failure) {
            loaded = try SafeYAML.load(String(decoding: metaYAML, as: UTF8.self))
        } catch {
            throw Failure(description: "meta.yaml is not valid YAML (\(error.problem))", line: error.line)
        }
        guard let meta = loaded as? [String: Any] else { throw Failure(description: "meta.yaml must be a YAML mapping", line: 1) }
        func text(_ key: String) -> String? {
            guard let v = meta[key] else { return nil }
            let s = RunConfigMetadata.scalarText(v) ?? ""
            return s.isEmpty ? nil : s
        }
        var info = RunInfo()
        info.runID = text("run_id") ?? text("run_uuid")
        info.experimentID = text("experiment_id")
        info.name = text("run_name") ?? tags["mlflow.runName"].flatMap { $0.isEmpty ? nil : $0 }
        if let code = meta["status"] as? Int {
            info.status = statusNames[code] ?? "status \(code)"
        } else {
            info.status = text("status")
        }
        info.startTime = (meta["start_time"] as? Int).map { Double($0) / 1000 }
        info.endTime = (meta["end_time"] as? Int).map { Double($0) / 1000 }
        return info
    }

    /// A run's metadata from its params (`params/<name>` → value; nested names with `/`).
    public static func metadata(params: [String: String], source: String?) -> RunMetadata {
        RunConfigMetadata.metadata(from: params, source: source)
    }

    /// For a follower that hands over the bytes of a run's files by absolute path: the
    /// params among them (anything under `<runFolder>/params/`) turned into metadata, its
    /// source named `displayFolder/params` (the run folder as the user should see it); with
    /// the run's name and end from `meta.yaml` and the tags (`<runFolder>/tags/`), when given.
    public static func metadata(files: [String: [UInt8]], runFolder: String, displayFolder: String? = nil) -> RunMetadata {
        reading(files: files, runFolder: runFolder, displayFolder: displayFolder).metadata
    }

    /// `metadata(files:runFolder:displayFolder:)` with the problem of a `meta.yaml` that is
    /// not what MLflow writes, naming it as `displayFolder/meta.yaml`.
    static func reading(files: [String: [UInt8]], runFolder: String, displayFolder: String? = nil) -> MetadataReading {
        func under(_ folder: String) -> [String: String] {
            let prefix = runFolder + "/" + folder + "/"
            var values: [String: String] = [:]
            for (path, bytes) in files where path.hasPrefix(prefix) {
                values[String(path.dropFirst(prefix.count))] = String(decoding: bytes, as: UTF8.self)
            }
            return values
        }
        let display = displayFolder ?? runFolder
        var result = MetadataReading(metadata(params: under("params"), source: display + "/params"))
        // An empty meta.yaml is one being created: nothing to say yet.
        guard let meta = files[runFolder + "/" + metaFileName], !meta.isEmpty else { return result }
        do throws(Failure) {
            let info = try runInfo(metaYAML: meta, tags: under("tags"))
            result.metadata.runName = info.name
            result.metadata.end = end(of: info)
        } catch {
            // meta.yaml is rewritten whole when the run ends: caught half-written, this
            // problem stands until the next change reads it whole.
            result.problems.append(ParseIssue(file: display + "/" + metaFileName, line: error.line ?? 0,
                                              message: error.description))
        }
        return result
    }

    /// A run's end from its status: FINISHED (with its end time), FAILED or KILLED; nil
    /// while RUNNING or SCHEDULED (a crashed run stays RUNNING).
    public static func end(of info: RunInfo) -> RunEnd? {
        end(status: info.status, endTime: info.endTime)
    }

    /// The same from a status and an end time (seconds since the epoch), as a tracking
    /// server's REST API gives them.
    public static func end(status: String?, endTime: Double?) -> RunEnd? {
        switch status {
        case "FINISHED": return RunEnd(.succeeded, time: endTime)
        case "FAILED", "KILLED": return RunEnd(.failed(status!), time: endTime)
        default: return nil
        }
    }
}
