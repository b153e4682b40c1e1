import Foundation
import ScalingLaws

/// Turns a run's logged configuration (a W&B config, MLflow params) into `RunMetadata`:
/// N from the first parameter-count key present, tokens per step from batch size ×
/// sequence length when both are present, and every other key kept as a hyperparameter.
///
/// Values arrive flattened: nested keys joined with `.` (`model.seq_len`), values as text.
/// A known name matches a top-level key first, then the last part of a nested one
/// (levanter's `trainer.train_batch_size`, `model.seq_len`).
public enum RunConfigMetadata {
    static let parameterKeys = ["n_params", "num_params", "parameters", "parameter_count", "n_parameters"]
    static let tokensPerStepKeys = ["tokens_per_step"]
    /// Total optimiser steps: HF `max_steps`, Megatron `train_iters`, nanoGPT `max_iters`.
    static let plannedStepsKeys = ["planned_steps", "max_steps", "train_iters", "max_iters", "total_steps",
                                   "num_train_steps"]
    static let batchSizeKeys = ["batch_size", "global_batch_size", "train_batch_size"]
    static let sequenceLengthKeys = ["seq_len", "seq_length", "sequence_length", "block_size", "max_seq_length",
                                     "context_length"]

    public static func metadata(from values: [String: String], source: String?) -> RunMetadata {
        var metadata = RunMetadata(source: source)
        func number(_ keys: [String]) -> (key: String, value: Double)? {
            let candidates = keys.compactMap { key in values[key].map { (key, $0) } }
                + keys.flatMap { key in
                    values.keys.sorted().filter { $0.hasSuffix("." + key) }.map { ($0, values[$0]!) }
                }
            for (key, text) in candidates {
                if let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite, v > 0 { return (key, v) }
            }
            return nil
        }
        var used = Set<String>()
        if let n = number(parameterKeys) {
            metadata.parameters = n.value
            used.insert(n.key)
        }
        if let perStep = number(tokensPerStepKeys) {
            metadata.tokensPerStep = perStep.value
            used.insert(perStep.key)
        } else if let batch = number(batchSizeKeys), let length = number(sequenceLengthKeys) {
            metadata.tokensPerStep = batch.value * length.value
        }
        if let steps = number(plannedStepsKeys) { metadata.plannedSteps = steps.value }
        for (key, value) in values where !used.contains(key) {
            metadata.hyperparameters[key] = value
        }
        return metadata
    }

    /// A configuration value (from JSON or YAML) flattened into `into`: scalars as text,
    /// dictionaries as nested keys, lists written out.
    static func flatten(_ value: Any?, key: String, into values: inout [String: String]) {
        switch value {
        case nil, is NSNull:
            return
        case let dictionary as [String: Any]:
            for (k, v) in dictionary { flatten(v, key: key.isEmpty ? k : key + "." + k, into: &values) }
        case let dictionary as [AnyHashable: Any]:
            for (k, v) in dictionary {
                let name = "\(k.base)"
                flatten(v, key: key.isEmpty ? name : key + "." + name, into: &values)
            }
        default:
            if let text = scalarText(value!) { values[key] = text }
        }
    }

    static func scalarText(_ value: Any) -> String? {
        switch value {
        case let s as String: return s
        case let b as Bool: return b ? "true" : "false"
        case let i as Int: return String(i)
        case let d as Double: return WholeNumber.text(d)
        case let n as NSNumber:
            // From JSONSerialization (nested JSON values only; scalars are read as written).
            return WholeNumber.text(n.doubleValue)
        case let list as [Any]:
            return "[" + list.map { scalarText($0) ?? "…" }.joined(separator: ", ") + "]"
        default:
            return nil
        }
    }
}
