/// One logged evaluation or training step of a run.
///
/// `tokens` and `flops` are what the log itself says; when it says nothing, `Run`
/// derives them from the run's metadata (see `Run+Axes.swift`).
///
/// 48 bytes (absent values are NaN inside, optionals outside: Swift's `Double?` takes 16
/// bytes with padding). A run keeps its points by column in `MetricPoints`, about 16 bytes
/// each; this is the value parsers hand over and readers get back.
public struct MetricPoint: Sendable, Equatable {
    public var step: Int
    /// Loss in nats per token.
    public var loss: Double
    private var storedTokens: Double
    private var storedFlops: Double
    private var storedLearningRate: Double
    private var storedWallTime: Double

    public init(step: Int, tokens: Double? = nil, flops: Double? = nil, loss: Double,
                learningRate: Double? = nil, wallTime: Double? = nil) {
        self.step = step
        self.loss = loss
        storedTokens = MetricPoint.store(tokens)
        storedFlops = MetricPoint.store(flops)
        storedLearningRate = MetricPoint.store(learningRate)
        storedWallTime = MetricPoint.store(wallTime)
    }

    /// A point from values that are NaN when absent (tokens, flops, learning rate, wall
    /// time): a parser's hot path, without optionals to wrap and unwrap.
    init(step: Int, loss: Double, absentAsNaN values: (tokens: Double, flops: Double, learningRate: Double, wallTime: Double)) {
        self.step = step
        self.loss = loss
        storedTokens = values.tokens
        storedFlops = values.flops
        storedLearningRate = values.learningRate
        storedWallTime = values.wallTime
    }

    public var tokens: Double? {
        get { storedTokens.isNaN ? nil : storedTokens }
        set { storedTokens = MetricPoint.store(newValue) }
    }

    public var flops: Double? {
        get { storedFlops.isNaN ? nil : storedFlops }
        set { storedFlops = MetricPoint.store(newValue) }
    }

    public var learningRate: Double? {
        get { storedLearningRate.isNaN ? nil : storedLearningRate }
        set { storedLearningRate = MetricPoint.store(newValue) }
    }

    /// Seconds since the Unix epoch, when the log has a timestamp.
    public var wallTime: Double? {
        get { storedWallTime.isNaN ? nil : storedWallTime }
        set { storedWallTime = MetricPoint.store(newValue) }
    }

    /// The optional values as stored, NaN when absent: for the columns' block path
    /// (`SettledColumns.append(contentsOf:)`), without optionals to wrap and unwrap.
    var storedValues: (tokens: Double, flops: Double, learningRate: Double, wallTime: Double) {
        (storedTokens, storedFlops, storedLearningRate, storedWallTime)
    }

    /// Optional values are finite or absent: a NaN handed in means "absent" too.
    private static func store(_ value: Double?) -> Double {
        guard let value, !value.isNaN else { return .nan }
        return value
    }

    public static func == (a: MetricPoint, b: MetricPoint) -> Bool {
        a.step == b.step && a.loss == b.loss && a.tokens == b.tokens && a.flops == b.flops
            && a.learningRate == b.learningRate && a.wallTime == b.wallTime
    }
}
