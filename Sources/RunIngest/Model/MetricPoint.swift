/// One logged evaluation or training step of a run.
///
/// `tokens` and `flops` are what the log itself says; when it says nothing, `Run`
/// derives them from the run's metadata (see `Run+Axes.swift`).
public struct MetricPoint: Sendable, Equatable {
    public var step: Int
    public var tokens: Double?
    public var flops: Double?
    /// Loss in nats per token.
    public var loss: Double
    public var learningRate: Double?
    /// Seconds since the Unix epoch, when the log has a timestamp.
    public var wallTime: Double?

    public init(step: Int, tokens: Double? = nil, flops: Double? = nil, loss: Double,
                learningRate: Double? = nil, wallTime: Double? = nil) {
        self.step = step
        self.tokens = tokens
        self.flops = flops
        self.loss = loss
        self.learningRate = learningRate
        self.wallTime = wallTime
    }
}
