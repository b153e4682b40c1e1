import ScalingLaws

/// What the what-if panel is asked: a budget (FLOPs, or GPU-hours or dollars on a
/// hardware preset at an MFU) and optional constraints. Typed at the panel's prompt as
/// `key=value` terms (see `apply(_:)`), changed by keys (+ - ] [ for the budget, w for
/// the hardware).
public struct WhatIfInputs: Sendable, Equatable {
    public var flops = 1e21
    public var hardware = "H100"
    public var mfu = 0.4
    public var gpus = 1024
    public var dollarsPerGPUHour: Double?
    public var fixedParameters: Double?
    public var uniqueTokens: Double?
    public var inferenceTokens: Double?
    public var targetLoss: Double?
    /// Run planning (issue #18): a planned vocabulary, a global batch in tokens, a QAT width.
    public var plannedVocabulary: Double?
    public var batchTokens: Double?
    public var qatBits: Double?

    public init() {}

    /// The hardware plan; nil only if the inputs were built by hand with an unknown name
    /// or invalid numbers (the prompt refuses both).
    public var plan: HardwarePlan? {
        guard let preset = HardwarePreset.named(hardware) else { return nil }
        return try? HardwarePlan(hardware: preset, modelFLOPsUtilization: mfu, gpuCount: gpus, dollarsPerGPUHour: dollarsPerGPUHour)
    }

    /// The terms the prompt understands, for its help line and error messages.
    public static let syntax = "C=3e21 | gpu-hours=5e5 | dollars=2e6 | hw=H100 mfu=0.4 gpus=1024 price=2.5 | N=7e9 U=1e12 inference=1e13 target=2.1 | vocab=32K batch=4M qat=4 | clear"

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Apply typed terms in order. A bare number is a budget in FLOPs; `clear` drops the
    /// constraints. Numbers take K/M/B/T suffixes. Every value is checked; nothing changes
    /// unless every term is valid.
    public func applying(_ text: String) throws(ParseError) -> WhatIfInputs {
        var next = self
        var budgetFromHours: Double?, budgetFromDollars: Double?
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) {
            if word.lowercased() == "clear" {
                next.fixedParameters = nil; next.uniqueTokens = nil; next.inferenceTokens = nil; next.targetLoss = nil
                next.plannedVocabulary = nil; next.batchTokens = nil; next.qatBits = nil
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            let key = parts.count == 2 ? parts[0].lowercased() : "c"
            let valueText = parts.count == 2 ? parts[1] : parts[0]
            if key == "hw" || key == "hardware" {
                guard let preset = HardwarePreset.named(valueText) else {
                    throw ParseError(message: "unknown hardware '\(valueText)': one of " + HardwarePreset.all.map(\.name).joined(separator: ", "))
                }
                next.hardware = preset.name
                continue
            }
            guard let value = WhatIfInputs.number(valueText), value.isFinite else {
                throw ParseError(message: "'\(valueText)' is not a number (write 3e21, 7B, 1.5T)")
            }
            func positive(_ name: String) throws(ParseError) -> Double {
                guard value > 0 else { throw ParseError(message: "\(name) must be positive, not \(valueText)") }
                return value
            }
            switch key {
            case "c", "flops", "budget":
                guard ComputeBudget.plausibleFlops.contains(value) else {
                    throw ParseError(message: "a budget of \(valueText) FLOPs is outside 1e12–1e30")
                }
                next.flops = value
            case "gpu-hours", "gpuh", "hours": budgetFromHours = try positive("gpu-hours")
            case "dollars", "$", "usd": budgetFromDollars = try positive("dollars")
            case "mfu":
                guard value > 0 && value <= 1 else { throw ParseError(message: "mfu is a fraction in (0, 1], not \(valueText)") }
                next.mfu = value
            case "gpus":
                guard value >= 1 && value <= 10_000_000 && value == value.rounded() else {
                    throw ParseError(message: "gpus is a whole number of GPUs, not \(valueText)")
                }
                next.gpus = Int(value)
            case "price": next.dollarsPerGPUHour = try positive("price")
            case "n", "params", "parameters": next.fixedParameters = try positive("N")
            case "u", "unique", "unique-tokens": next.uniqueTokens = try positive("unique tokens")
            case "inference", "i": next.inferenceTokens = try positive("inference tokens")
            case "target", "l", "loss": next.targetLoss = try positive("target loss")
            case "vocab", "v", "vocabulary": next.plannedVocabulary = try positive("vocabulary size")
            case "batch", "bs":
                guard value >= 4096 else { throw ParseError(message: "batch is in tokens (e.g. 4M), at least one 4096-token sequence, not \(valueText)") }
                next.batchTokens = value
            case "qat", "bits":
                guard value >= 1 && value <= 16 else { throw ParseError(message: "qat is a bit width 1–16, not \(valueText)") }
                next.qatBits = value
            default:
                throw ParseError(message: "unknown term '\(parts[0])': " + WhatIfInputs.syntax)
            }
        }
        // Hours and dollars become FLOPs on the (possibly just chosen) hardware.
        if let hours = budgetFromHours, let plan = next.plan {
            next.flops = plan.flops(gpuHours: hours)
        }
        if let dollars = budgetFromDollars {
            guard let plan = next.plan, let hours = plan.gpuHours(dollars: dollars) else {
                throw ParseError(message: "a budget in dollars needs a price per GPU-hour: add price=2.5")
            }
            next.flops = plan.flops(gpuHours: hours)
        }
        guard ComputeBudget.plausibleFlops.contains(next.flops) else {
            throw ParseError(message: "that budget is \(NumberFormat.short(next.flops)) FLOPs, outside 1e12–1e30")
        }
        return next
    }

    static func number(_ text: String) -> Double? {
        if let v = Double(text) { return v }
        let suffixes: [Character: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12]
        guard let last = text.last, let scale = suffixes[last], let v = Double(text.dropLast()) else { return nil }
        return v * scale
    }

    /// The next hardware preset (`w`).
    public mutating func cycleHardware() {
        let all = HardwarePreset.all.map(\.name)
        hardware = all[((all.firstIndex(of: hardware) ?? -1) + 1) % all.count]
    }
}
