import Foundation

/// A W&B run's `files/config.yaml` → `RunMetadata`. Every top-level key maps to
/// `{value: …}` (current SDKs) or `{desc: …, value: …}` (legacy, after a
/// `wandb_version: 1` line); the `_wandb` key is SDK telemetry and is dropped.
/// Pure: text in, metadata or error out.
public enum WandBConfigFile {
    public static let fileName = "config.yaml"

    /// Where a run's config file sits: `files/config.yaml` in the folder of its
    /// `run-<id>.wandb` (offline runs of current SDKs do not write it; the `.wandb` file's own
    /// run and config records carry the same config, and `WandBRunParser` reads those).
    public static func path(forRunLog runLog: String) -> String {
        let folder = runLog.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return (folder.isEmpty ? "" : folder + "/") + "files/" + fileName
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// 1-based line of the fault, when the YAML parser says.
        public var line: Int?
    }

    public static func metadata(yaml: String, source: String?) throws(Failure) -> RunMetadata {
        let loaded: Any?
        do throws(SafeYAML.Failure) {
            loaded = try SafeYAML.load(yaml)
        } catch {
            throw Failure(description: "not valid YAML (\(error.problem))", line: error.line)
        }
        guard let top = loaded.flatMap(dictionary) else {
            throw Failure(description: "must be a YAML mapping of config keys", line: 1)
        }
        var values: [String: String] = [:]
        for (key, entry) in top where key != "_wandb" && key != "wandb_version" {
            let value = dictionary(entry).flatMap { $0.keys.contains("value") ? $0["value"]! : nil } ?? entry
            RunConfigMetadata.flatten(value, key: key, into: &values)
        }
        return RunConfigMetadata.metadata(from: values, source: source)
    }

    public static func metadata(bytes: [UInt8], source: String?) throws(Failure) -> RunMetadata {
        try metadata(yaml: String(decoding: bytes, as: UTF8.self), source: source)
    }

    static func dictionary(_ value: Any) -> [String: Any]? {
        if let d = value as? [String: Any] { return d }
        if let d = value as? [AnyHashable: Any] {
            return Dictionary(d.map { ("\($0.key.base)", $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        return nil
    }
}

/// The legacy (SDK ≤ 0.9) `wandb-history.jsonl`: one JSON object per `wandb.log` call, read
/// with the JSONL parser; W&B's own `_step` and `_timestamp` come before the generic names.
public enum WandBLegacyHistory {
    public static let fileName = "wandb-history.jsonl"

    public static func isHistoryFile(_ path: String) -> Bool {
        (path.split(separator: "/").last.map(String.init) ?? path) == fileName
    }

    public static func columns(_ base: MetricColumns = .standard) -> MetricColumns {
        MetricColumns(step: ["_step"] + base.step.filter { $0 != "_step" }, tokens: base.tokens, flops: base.flops,
                      loss: base.loss, learningRate: base.learningRate,
                      wallTime: ["_timestamp"] + base.wallTime.filter { $0 != "_timestamp" })
    }

    public static func parser(columns base: MetricColumns = .standard) -> JSONLMetricsParser {
        JSONLMetricsParser(columns: columns(base))
    }
}
