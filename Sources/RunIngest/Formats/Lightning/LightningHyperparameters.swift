/// Lightning's `hparams.yaml` (the `save_hyperparameters()` dump) as run metadata: N from a
/// parameter-count key, tokens per step from batch size × sequence length keys when both
/// are there, everything else kept as hyperparameters (nested keys joined with dots).
public enum LightningHyperparameters {
    static let parameterKeys = ["n_params", "num_params", "n_parameters", "num_parameters", "parameters",
                                "total_params", "param_count", "parameter_count"]
    static let batchKeys = ["global_batch_size", "batch_size", "train_batch_size", "micro_batch_size"]
    static let sequenceKeys = ["seq_len", "max_seq_len", "seq_length", "max_seq_length", "sequence_length",
                               "block_size", "context_length", "n_ctx", "max_length"]
    /// Total optimiser steps, when the module saved the Trainer's `max_steps` (or its own).
    static let plannedStepsKeys = ["planned_steps", "max_steps", "train_iters", "max_iters", "total_steps"]
    static let accumulationKeys = ["accumulate_grad_batches", "gradient_accumulation_steps", "grad_accum"]

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var source: String
        public var reason: String
        /// 1-based line of the fault, when the YAML parser says.
        public var line: Int?
        public var description: String { "\(source): \(reason)" }
    }

    public static func parse(_ text: String, source: String) throws(Failure) -> RunMetadata {
        let loaded: Any?
        do throws(SafeYAML.Failure) {
            loaded = try SafeYAML.load(text)
        } catch {
            throw Failure(source: source, reason: "not valid YAML (\(error.problem))", line: error.line)
        }
        var flat: [String: String] = [:]
        var numbers: [String: Double] = [:]
        func walk(_ value: Any, _ key: String) {
            switch value {
            case let d as [String: Any]:
                for (k, v) in d { walk(v, key.isEmpty ? k : "\(key).\(k)") }
            case let d as [AnyHashable: Any]:
                for (k, v) in d { walk(v, key.isEmpty ? "\(k)" : "\(key).\(k)") }
            case let b as Bool: flat[key] = b ? "true" : "false"
            case let i as Int: flat[key] = String(i); numbers[key] = Double(i)
            case let x as Double: flat[key] = "\(x)"; numbers[key] = x
            case let s as String:
                flat[key] = s
                if let x = Double(s.replacingOccurrences(of: "_", with: "")) { numbers[key] = x }
            case let a as [Any]: flat[key] = "[" + a.map { "\($0)" }.joined(separator: ", ") + "]"
            default: if !key.isEmpty { flat[key] = "\(value)" }
            }
        }
        switch loaded {
        case nil: break                     // an empty file
        case let d as [String: Any]: walk(d, "")
        case let d as [AnyHashable: Any]: walk(d, "")
        default: throw Failure(source: source, reason: "expected a mapping of hyperparameters at the top level", line: 1)
        }
        /// A key matches by its last component, so `model.n_params` counts.
        func first(_ keys: [String]) -> (key: String, value: Double)? {
            for k in keys {
                if let v = numbers[k] { return (k, v) }
                if let (full, v) = numbers.filter({ $0.key.hasSuffix("." + k) }).min(by: { $0.key < $1.key }) { return (full, v) }
            }
            return nil
        }
        var metadata = RunMetadata(source: source)
        var used: Set<String> = []
        if let n = first(parameterKeys), n.value.isFinite, n.value > 0 {
            metadata.parameters = n.value
            used.insert(n.key)
        }
        if let b = first(batchKeys), let s = first(sequenceKeys), b.value > 0, s.value > 0 {
            let accumulation = first(accumulationKeys).map { max(1, $0.value) } ?? 1
            metadata.tokensPerStep = b.value * s.value * accumulation
        }
        if let steps = first(plannedStepsKeys), steps.value.isFinite, steps.value > 0 { metadata.plannedSteps = steps.value }
        for (k, v) in flat where !used.contains(k) { metadata.hyperparameters[k] = v }
        return metadata
    }
}
