/// The hardware a run trains on: a device, its utilisation, how many, and what an hour
/// costs. Converts between FLOPs, GPU-hours, wall time and money (methods.md §1.7).
public struct HardwarePlan: Sendable, Equatable {
    public var hardware: HardwarePreset
    /// Model FLOPs utilisation: achieved over peak. Typical 0.3–0.5 (methods.md §1.7).
    public var modelFLOPsUtilization: Double
    public var gpuCount: Int
    /// Price of one device-hour, when known.
    public var dollarsPerGPUHour: Double?

    public init(hardware: HardwarePreset, modelFLOPsUtilization: Double = 0.4, gpuCount: Int = 1,
                dollarsPerGPUHour: Double? = nil) throws(WhatIfError) {
        guard modelFLOPsUtilization.isFinite, modelFLOPsUtilization > 0, modelFLOPsUtilization <= 1 else {
            throw WhatIfError("MFU is \(NumberFormat.general(modelFLOPsUtilization)); it is a fraction of peak in (0, 1] (typically 0.3–0.5)")
        }
        guard gpuCount >= 1 else { throw WhatIfError("GPU count is \(gpuCount); it must be at least 1") }
        if let price = dollarsPerGPUHour { try WhatIfError.requirePositiveFinite(price, "price per GPU-hour") }
        self.hardware = hardware
        self.modelFLOPsUtilization = modelFLOPsUtilization
        self.gpuCount = gpuCount
        self.dollarsPerGPUHour = dollarsPerGPUHour
    }

    /// FLOPs one device delivers in an hour: 3600 × peak × MFU.
    public var flopsPerGPUHour: Double { 3600 * hardware.peakFLOPsPerSecond * modelFLOPsUtilization }

    public func flops(gpuHours: Double) -> Double { gpuHours * flopsPerGPUHour }

    public func gpuHours(flops: Double) -> Double { flops / flopsPerGPUHour }

    /// GPU-hours a sum of money buys; nil without a price.
    public func gpuHours(dollars: Double) -> Double? { dollarsPerGPUHour.map { dollars / $0 } }

    /// What training `flops` takes on this plan.
    public func cost(flops: Double) -> RunCostEstimate {
        let hours = gpuHours(flops: flops)
        return RunCostEstimate(flops: flops, gpuHours: hours, wallClockHours: hours / Double(gpuCount),
                               gpuCount: gpuCount, dollars: dollarsPerGPUHour.map { $0 * hours })
    }
}
