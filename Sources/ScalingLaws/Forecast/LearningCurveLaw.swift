#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loss curve L(x) = L₀ + A·S₁(x)^(−α) − D·K(x): Tissue et al. 2024's LR-annealing law
/// (methods.md §5.1) in the features of `ScheduleAreas`, S₁ the forward area in planned
/// runs at the peak rate and K the part of the rate's fall (in peak units) that has taken
/// effect with memory τ. D is the loss a full fall of the rate buys once it has settled.
/// With a constant rate K = 0 and this is the power law plus constant in x (methods.md §5.1,
/// first row).
public struct LearningCurveLaw: Sendable, Equatable {
    public var irreducibleLoss: Double
    public var coefficient: Double
    public var exponent: Double
    /// D ≥ 0: nats per unit of the rate's (peak-normalised) fall.
    public var annealingDrop: Double
    /// How a fall of the rate takes effect, with τ as a fraction of the planned run.
    public var memory: ScheduleAreas.Memory

    public init(irreducibleLoss: Double, coefficient: Double, exponent: Double, annealingDrop: Double, memory: ScheduleAreas.Memory) {
        self.irreducibleLoss = irreducibleLoss
        self.coefficient = coefficient
        self.exponent = exponent
        self.annealingDrop = annealingDrop
        self.memory = memory
    }

    public func loss(forward s1: Double, progress k: Double) -> Double {
        irreducibleLoss + coefficient * pow(s1, -exponent) - annealingDrop * k
    }
}
