#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A model size fixed in advance: the tokens a budget buys it, its predicted loss and what
/// it costs against the optimum (methods.md §2.3, "Fixed model size N"); with a target
/// loss, the tokens it needs to reach it.
public struct FixedModelSizeAnswer: Sendable, Equatable {
    public var law: String
    /// D = C/(6N), the loss there and the penalty against the optimum at the same C.
    public var penalty: OffOptimalPenalty
    /// Loss interval over the law's parameter draws.
    public var loss: IntervalEstimate
    /// Tokens for N to reach the target loss, D = (B/(ℓ − E − A·N^(−α)))^(1/β); nil when no
    /// target was asked or N can never reach it.
    public var tokensToReachTarget: Double?
    /// Why `tokensToReachTarget` is nil although a target was asked.
    public var targetNote: String?

    public init(law name: String, _ law: ParametricLaw, draws: [ParametricLaw], parameters: Double,
                flops: Double, targetLoss: Double?, level: Double) {
        let tokens = flops / (6 * parameters)
        penalty = OffOptimalPenalty(law: name, law, parameters: parameters, tokens: tokens)
        loss = IntervalEstimate(value: penalty.loss, draws: draws.map { $0.loss(parameters: parameters, tokens: tokens) }, level: level)
        self.law = name
        if let targetLoss {
            tokensToReachTarget = law.tokens(toReachLoss: targetLoss, parameters: parameters)
            if tokensToReachTarget == nil {
                targetNote = "a \(NumberFormat.general(parameters))-parameter model never reaches \(NumberFormat.general(targetLoss)) under \(name): its floor is E + A/N^α = \(NumberFormat.general(law.E + law.A * pow(parameters, -law.alpha)))"
            }
        }
    }
}
