/// One trained model's result: its size, the tokens it saw and its final loss.
public struct LossObservation: Sendable, Equatable {
    public var parameters: Double
    public var tokens: Double
    /// Loss in nats per token.
    public var loss: Double

    public init(parameters: Double, tokens: Double, loss: Double) {
        self.parameters = parameters
        self.tokens = tokens
        self.loss = loss
    }

    /// Training compute by C = 6ND.
    public var flops: Double { TrainingCompute.sixND(parameters: parameters, tokens: tokens) }
}
