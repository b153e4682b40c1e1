/// Time and money for one training run on a `HardwarePlan`.
public struct RunCostEstimate: Sendable, Equatable {
    public var flops: Double
    public var gpuHours: Double
    /// GPU-hours over the device count (perfect scaling at the given MFU).
    public var wallClockHours: Double
    public var gpuCount: Int
    public var dollars: Double?
}
