/// A forecast of a run's loss at its planned end, with a prediction interval and a sampled
/// curve from the last observed point to the end (for a dashed extension with a band).
public struct LearningCurveForecast: Sendable, Equatable {
    /// One point of the forecast curve.
    public struct CurvePoint: Sendable, Equatable {
        public var x: Double
        public var loss: Double
        public var lower: Double
        public var upper: Double
    }

    /// Which law was extrapolated.
    public enum Model: String, Sendable {
        /// L₀ + A·S₁^(−α) − C·S₂ with the inferred schedule (Tissue et al. 2024).
        case learningRateAnnealing = "LR-annealing law (Tissue et al. 2024)"
        /// L∞ + A·x^(−α): no learning rate in the log.
        case powerLawInSteps = "power law plus constant in x"
    }

    public var plannedEnd: Double
    public var finalLoss: Double
    /// Prediction interval of the loss at the planned end at `level`.
    public var interval: ClosedRange<Double>
    public var level: Double
    public var model: Model
    public var law: LearningCurveLaw
    /// The schedule assumed for the rest of the run, when the log had learning rates.
    public var schedule: LearningRateSchedule?
    /// Memory τ of the annealing momentum as a fraction of the planned run.
    public var annealingMemoryFraction: Double?
    /// Points the law was fitted to (after dropping warmup and the first 10%).
    public var fittedPoints: Int
    /// Fraction of the planned run observed.
    public var observedFraction: Double
    public var curve: [CurvePoint]
    public var notes: [String]
}
