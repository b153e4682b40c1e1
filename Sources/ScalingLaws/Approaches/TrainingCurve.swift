/// One run's loss against training compute, for Approach 1 and the frontier.
public struct TrainingCurve: Sendable, Equatable {
    public var name: String
    public var parameters: Double
    /// Checkpoints' cumulative training FLOPs, ascending.
    public var flops: [Double]
    public var loss: [Double]

    public init(name: String, parameters: Double, flops: [Double], loss: [Double]) {
        self.name = name
        self.parameters = parameters
        self.flops = flops
        self.loss = loss
    }
}
