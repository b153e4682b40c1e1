/// A training compute budget in FLOPs (C = 6ND, methods.md §1.1), made from the units people
/// think in: FLOPs, GPU-hours on some hardware, or dollars at a price per GPU-hour.
public struct ComputeBudget: Sendable, Equatable {
    public var flops: Double

    /// Budgets outside these bounds are typing mistakes, not plans: below 1e12 FLOPs there is
    /// no language model to speak of (a 1M-parameter model on 170k tokens), and 1e30 is
    /// about 10⁴ times the largest training runs reported by 2025.
    public static let plausibleFlops: ClosedRange<Double> = 1e12...1e30

    public init(flops: Double) throws(WhatIfError) {
        guard flops.isFinite, flops > 0 else {
            throw WhatIfError("compute budget is \(NumberFormat.general(flops)) FLOPs; it must be a positive, finite number (for example 1e21)")
        }
        guard Self.plausibleFlops.contains(flops) else {
            throw WhatIfError("compute budget \(NumberFormat.general(flops)) FLOPs is outside the plausible range \(NumberFormat.general(Self.plausibleFlops.lowerBound))–\(NumberFormat.general(Self.plausibleFlops.upperBound)); check the exponent")
        }
        self.flops = flops
    }

    /// C = GPU-hours × 3600 × peak × MFU (methods.md §1.7).
    public init(gpuHours: Double, on plan: HardwarePlan) throws(WhatIfError) {
        try WhatIfError.requirePositiveFinite(gpuHours, "GPU-hours")
        try self.init(flops: plan.flops(gpuHours: gpuHours))
    }

    /// Dollars ÷ price per GPU-hour, then as GPU-hours.
    public init(dollars: Double, on plan: HardwarePlan) throws(WhatIfError) {
        try WhatIfError.requirePositiveFinite(dollars, "budget in dollars")
        guard let hours = plan.gpuHours(dollars: dollars) else {
            throw WhatIfError("a budget in dollars needs a price per GPU-hour")
        }
        try self.init(gpuHours: hours, on: plan)
    }

    /// The budget `factor` times larger (the panel's ×2, ÷2, ×10, ÷10 keys), kept in range.
    public func scaled(by factor: Double) -> ComputeBudget {
        let c = min(max(flops * factor, Self.plausibleFlops.lowerBound), Self.plausibleFlops.upperBound)
        return (try? ComputeBudget(flops: c)) ?? self
    }
}
