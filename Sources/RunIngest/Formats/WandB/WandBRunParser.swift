import Foundation
import ScalingLaws
import SwiftProtobuf

/// Reads a W&B run's binary transaction log (`run-<id>.wandb`) while it is being written:
/// history records become points, the run's config becomes metadata. Pure and stateful: it
/// must be fed the file from offset 0 onwards, in order (block boundaries are at absolute
/// offsets); make a fresh parser when the file is truncated or replaced.
///
/// The run record's display name (`wandb.init(name=…)`) becomes the run's name, and the
/// exit record (`run.finish()`) its end: finished with exit code 0, failed otherwise.
///
/// Each history record (one `wandb.log` row) gives at most one point: the step is W&B's
/// `_step` (else the record's step number), the loss the first of `columns.loss` present,
/// tokens, FLOPs, learning rate and wall time the first of their keys present. A row
/// without any loss key (an eval-only or media row) carries no point. Record numbers are
/// 1-based positions among all records of the file, whatever their type.
public struct WandBRunParser: AppendingLogParser {
    public var columns: MetricColumns
    private var framing = WandBRecordFraming()
    /// The run's config so far, flattened (`model.seq_len`), values as JSON text.
    private var config: [String: String] = [:]
    /// The run record's display name, and the exit record's verdict.
    private var displayName: String?
    private var end: RunEnd?

    public init(columns: MetricColumns = .standard) {
        self.columns = columns
    }

    /// Whether a file name is a W&B transaction log: `run-<id>.wandb` (not the `.synced` marker).
    public static func isRunLog(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasPrefix("run-") && name.hasSuffix(".wandb") && name.count > "run-.wandb".count
    }

    /// The run id in a `run-<id>.wandb` name.
    public static func runID(fromFileName name: String) -> String? {
        guard isRunLog(name) else { return nil }
        let file = name.split(separator: "/").last.map(String.init) ?? name
        return String(file.dropFirst(4).dropLast(6))
    }

    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome {
        var outcome = ParseOutcome()
        let (events, consumed) = framing.split(bytes)
        outcome.consumedBytes = consumed
        var number = firstRecord
        var configChanged = false
        for event in events {
            switch event {
            case .notWandB(let reason):
                outcome.problems.append((number, "not a W&B transaction log: it \(reason)"))
            case .damaged(let offset, let reason):
                outcome.problems.append((number, "damaged data at byte \(offset) (\(reason)); skipped to the next 32 KiB block"))
            case .record(let offset, let payload):
                defer { number += 1 }
                let record: WandbInternal_Record
                do {
                    record = try WandbInternal_Record(serializedBytes: payload)
                } catch {
                    outcome.problems.append((number, "record at byte \(offset) is not a W&B Record message (\(error))"))
                    continue
                }
                switch record.recordType {
                case .history(let history):
                    switch point(from: history) {
                    case .point(let p, let problem): outcome.append(p, leftOut: problem, at: number)
                    case .problem(let message): outcome.problems.append((number, message))
                    case .none: break
                    }
                case .config(let update):
                    apply(update)
                    configChanged = true
                case .run(let run):
                    if run.hasConfig {
                        apply(run.config)
                    }
                    if !run.displayName.isEmpty { displayName = run.displayName }
                    configChanged = true
                case .exit(let exit):
                    end = exit.exitCode == 0 ? RunEnd(.succeeded) : RunEnd(.failed("exit code \(exit.exitCode)"))
                    configChanged = true
                default:
                    break
                }
            }
        }
        outcome.consumedRecords = number - firstRecord
        if configChanged {
            var metadata = RunConfigMetadata.metadata(from: config.filter { $0.key != "_wandb" && !$0.key.hasPrefix("_wandb.") },
                                                      source: nil)
            metadata.runName = displayName
            metadata.end = end
            outcome.metadata = metadata
        }
        return outcome
    }

    /// A history or config item's name: `key`, or wandb-core's `nested_key` parts joined with `.`.
    static func name(key: String, nestedKey: [String]) -> String {
        key.isEmpty ? nestedKey.joined(separator: ".") : key
    }

    private mutating func apply(_ update: WandbInternal_ConfigRecord) {
        for item in update.update {
            let name = Self.name(key: item.key, nestedKey: item.nestedKey)
            config = config.filter { $0.key != name && !$0.key.hasPrefix(name + ".") }
            for (key, value) in WandBValueJSON.flattened(item.valueJson, key: name) { config[key] = value }
        }
        for item in update.remove {
            let name = Self.name(key: item.key, nestedKey: item.nestedKey)
            config = config.filter { $0.key != name && !$0.key.hasPrefix(name + ".") }
        }
    }

    enum RowResult {
        /// A point, and a problem when a value was left out of it (`NonFiniteValues`).
        case point(MetricPoint, problem: String?)
        case problem(String)
    }

    func point(from history: WandbInternal_HistoryRecord) -> RowResult? {
        var values: [String: String] = [:]
        for item in history.item { values[Self.name(key: item.key, nestedKey: item.nestedKey)] = item.valueJson }
        func number(_ keys: [String]) -> (key: String, value: Double?)? {
            for key in keys {
                guard let text = values[key] else { continue }
                return (key, WandBValueJSON.number(text))
            }
            return nil
        }
        guard let loss = number(columns.loss), let lossValue = loss.value else { return nil }
        let step: Int
        if let s = number(["_step"])?.value {
            guard let whole = WholeNumber.step(s) else { return .problem("_step \(s) is not a whole number ≥ 0") }
            step = whole
        } else {
            step = Int(history.step.num)
        }
        guard lossValue.isFinite else {
            return .problem("\(loss.key) is \(lossValue.isNaN ? "NaN" : "infinite") at step \(step)")
        }
        var nonFinite = NonFiniteValues()
        func finite(_ keys: [String]) -> Double? {
            guard let found = number(keys) else { return nil }
            return nonFinite.finite(found.value, found.key)
        }
        let point = MetricPoint(step: step, tokens: finite(columns.tokens), flops: finite(columns.flops), loss: lossValue,
                                learningRate: finite(columns.learningRate),
                                wallTime: finite(["_timestamp"] + columns.wallTime))
        return .point(point, problem: nonFinite.problem(atStep: step))
    }
}

/// W&B's `value_json`: JSON text for one value.
enum WandBValueJSON {
    /// A number, including the NaN/±Infinity W&B writes as bare tokens or as strings
    /// (`make_safe_for_json`); nil for anything else (media objects, text, null).
    static func number(_ text: String) -> Double? {
        var t = Substring(text).trimmingCharacters(in: .whitespacesAndNewlines)[...]
        if t.hasPrefix("\"") && t.hasSuffix("\"") && t.count >= 2 {
            t = t.dropFirst().dropLast()
            guard ["NaN", "Infinity", "-Infinity", "nan", "inf", "-inf"].contains(t) else { return nil }
        }
        guard let first = t.first, first == "-" || first == "+" || first == "." || first.isNumber || first == "N" || first == "I" || first == "n" || first == "i",
              !t.lowercased().hasPrefix("0x"), !t.lowercased().hasPrefix("-0x") else { return nil }
        return Double(t)
    }

    /// A config value flattened to `key → text`: objects become nested keys, strings are
    /// unquoted, numbers and words kept as written.
    static func flattened(_ text: String, key: String) -> [String: String] {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.hasPrefix("{") || t.hasPrefix("[") || t.hasPrefix("\"") {
            if let data = t.data(using: .utf8),
               let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                var values: [String: String] = [:]
                RunConfigMetadata.flatten(value, key: key, into: &values)
                return values
            }
        }
        return t == "null" ? [:] : [key: t]
    }
}
