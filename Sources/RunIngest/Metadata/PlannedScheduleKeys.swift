import ScalingLaws

/// The learning-rate schedule a run's configuration plans, read from the keys training
/// frameworks log (a W&B config, MLflow params, TensorBoard hparams, Lightning's
/// hparams.yaml, Megatron's argument dump) or the sidecar, all of which arrive as
/// `RunMetadata.hyperparameters` (nested keys joined with `.`; a key matches at the top
/// level or as the last part of a nested one). Pure: keys in, schedule out.
///
/// | framework | type | warmup | end | floor | cooldown |
/// |---|---|---|---|---|---|
/// | sidecar | `lr_schedule` (constant, cosine, linear, wsd, step) | `warmup_steps` | `planned_steps` | `final_lr_ratio`, `min_lr` | `cooldown_start` (a step, or a fraction ≤ 1), `cooldown_shape` (linear, cosine, 1-sqrt, exponential); `step_milestones` (steps, comma-separated), `step_factor` |
/// | HF Trainer | `lr_scheduler_type` | `warmup_steps`, `warmup_ratio` | `max_steps` | `lr_scheduler_kwargs.min_lr_rate` | `warmup_stable_decay` with `lr_scheduler_kwargs.num_decay_steps`, `.decay_type` |
/// | Megatron-LM | `lr_decay_style` | `lr_warmup_iters`, `lr_warmup_fraction` | `lr_decay_iters`, `train_iters` | `min_lr` | `WSD` with `lr_wsd_decay_iters`, `lr_wsd_decay_style` |
/// | torchtitan | `lr_scheduler.decay_type` | `lr_scheduler.warmup_steps` | `training.steps` | `lr_scheduler.lr_min` (a ratio) | `lr_scheduler.decay_ratio` |
/// | nanoGPT | `decay_lr` | `warmup_iters` | `lr_decay_iters`, `max_iters` | `min_lr` | — (cosine) |
/// | litgpt | `train.lr_warmup_steps` | `train.lr_warmup_steps`, `train.lr_warmup_fraction` | `train.max_steps` | `train.min_lr` | — (cosine) |
///
/// The schedule is in optimiser steps, with the peak rate (`learning_rate`, `lr`) when given
/// (1 otherwise: a forecast needs the shape, not the scale).
public enum PlannedScheduleKeys {
    public struct Planned: Sendable, Equatable {
        public var schedule: LearningRateSchedule
        /// The keys it was read from, for `scaletop runs` and the forecast table.
        public var source: String
    }

    static let typeKeys = ["lr_schedule", "lr_scheduler_type", "lr_decay_style", "lr_scheduler.decay_type", "decay_lr"]
    static let warmupKeys = ["warmup_steps", "lr_warmup_iters", "warmup_iters", "lr_warmup_steps", "num_warmup_steps",
                             "lr_scheduler.warmup_steps", "train.lr_warmup_steps"]
    static let warmupFractionKeys = ["warmup_ratio", "lr_warmup_fraction", "train.lr_warmup_fraction"]
    static let totalKeys = ["planned_steps", "max_steps", "train_iters", "max_iters", "total_steps", "num_train_steps",
                            "training.steps", "train.max_steps"]
    static let peakKeys = ["learning_rate", "lr", "max_lr", "optimizer.lr", "peak_lr"]
    static let floorRatioKeys = ["final_lr_ratio", "min_lr_ratio", "min_lr_rate", "lr_scheduler.lr_min",
                                 "lr_scheduler.min_lr_factor", "lr_scheduler_kwargs.min_lr_ratio", "lr_scheduler_kwargs.min_lr_rate"]
    static let floorKeys = ["min_lr", "train.min_lr", "lr_scheduler_kwargs.min_lr"]

    /// The planned schedule, or nil when the keys do not name one this understands.
    public static func schedule(from values: [String: String], plannedSteps: Double?) -> Planned? {
        var used: [String] = []
        func raw(_ keys: [String]) -> (key: String, text: String)? {
            for key in keys { if let v = values[key] { return (key, v) } }
            for key in keys {
                if let k = values.keys.sorted().first(where: { $0.hasSuffix("." + key) }) { return (k, values[k]!) }
            }
            return nil
        }
        func number(_ keys: [String]) -> Double? {
            guard let (key, text) = raw(keys), let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 0 else { return nil }
            used.append(key)
            return v
        }
        func word(_ keys: [String]) -> String? {
            guard let (key, text) = raw(keys) else { return nil }
            used.append(key)
            return text.trimmingCharacters(in: .whitespaces).lowercased()
        }

        let type = word(typeKeys)
        let isLitGPT = values.keys.contains { $0 == "train.lr_warmup_steps" || $0 == "train.min_lr" || $0.hasSuffix(".train.lr_warmup_steps") }
        guard type != nil || isLitGPT else { return nil }
        guard let total = number(["lr_decay_iters"]) ?? plannedSteps ?? number(totalKeys), total > 0 else { return nil }
        let peak = number(peakKeys).flatMap { $0 > 0 ? $0 : nil } ?? 1
        var warmup = number(warmupKeys) ?? 0
        if warmup == 0, let fraction = number(warmupFractionKeys), fraction < 1 { warmup = fraction * total }
        var floor = number(floorRatioKeys).map { min(1, $0) * peak } ?? number(floorKeys) ?? 0
        if floor > peak { floor = peak }

        let shape: LearningRateSchedule.Shape
        var decayStart = warmup
        var drops: [LearningRateSchedule.Drop] = []
        switch type ?? "cosine" {
        case "constant", "constant_with_warmup", "none", "false":
            shape = .constant
        case "cosine", "cosine_with_restarts", "cosine_with_min_lr", "true":
            shape = .cosine
        case "linear", "polynomial":
            shape = .linear
        case "sqrt", "1-sqrt", "minus_sqrt":
            // torchtitan's `decay_type = "sqrt"` is 1 − √u, over its decay_ratio.
            shape = .oneMinusSquareRoot
            decayStart = torchtitanDecayStart(number, total: total, warmup: warmup)
        case "wsd", "warmup_stable_decay":
            shape = cooldownShape(word(["cooldown_shape", "decay_shape", "lr_scheduler_kwargs.decay_type", "lr_wsd_decay_style"]))
            if let start = number(["cooldown_start", "decay_start"]) {
                decayStart = start <= 1 ? start * total : start
            } else if let length = number(["lr_scheduler_kwargs.num_decay_steps", "num_decay_steps", "lr_wsd_decay_iters"]) {
                decayStart = total - length
            } else if let stable = number(["lr_scheduler_kwargs.num_stable_steps", "num_stable_steps"]) {
                decayStart = warmup + stable
            } else {
                return nil
            }
        case "step", "multistep":
            shape = .constant
            let factor = number(["step_factor", "gamma"]) ?? 0.1
            guard let (key, text) = raw(["step_milestones", "milestones"]) else { return nil }
            used.append(key)
            let at = text.split(whereSeparator: { ",[] ".contains($0) }).compactMap { Double($0) }.filter { $0 > 0 }
            guard !at.isEmpty, factor > 0 else { return nil }
            drops = at.map { .init(at: $0 <= 1 ? $0 * total : $0, factor: factor) }
            floor = peak * drops.reduce(1) { $0 * $1.factor }
        default:
            return nil
        }
        // torchtitan's linear and cosine decays also start at its decay_ratio.
        if type == "linear" || type == "cosine", values.keys.contains(where: { $0.hasSuffix("lr_scheduler.decay_ratio") }) {
            decayStart = torchtitanDecayStart(number, total: total, warmup: warmup)
        }
        let schedule = LearningRateSchedule(peak: peak, warmupEnd: min(warmup, total), decayStart: min(decayStart, total),
                                            floor: shape == .constant && drops.isEmpty ? peak : floor, end: total,
                                            shape: shape, drops: drops)
        return Planned(schedule: schedule, source: Array(Set(used)).sorted().joined(separator: ", "))
    }

    static func cooldownShape(_ name: String?) -> LearningRateSchedule.Shape {
        switch name {
        case "cosine": return .cosine
        case "1-sqrt", "sqrt", "minus_sqrt", "1_sqrt": return .oneMinusSquareRoot
        case "exponential", "exp": return .exponential
        default: return .linear
        }
    }

    /// torchtitan decays over the last `decay_ratio` of its steps (all after warmup when absent).
    static func torchtitanDecayStart(_ number: ([String]) -> Double?, total: Double, warmup: Double) -> Double {
        guard let ratio = number(["lr_scheduler.decay_ratio", "decay_ratio"]), ratio > 0, ratio <= 1 else { return warmup }
        return max(warmup, total * (1 - ratio))
    }
}

extension RunMetadata {
    /// The learning-rate schedule the run's configuration plans, in optimiser steps; nil
    /// when its keys name none (see `PlannedScheduleKeys`).
    public var plannedSchedule: PlannedScheduleKeys.Planned? {
        PlannedScheduleKeys.schedule(from: hyperparameters, plannedSteps: plannedSteps)
    }
}
