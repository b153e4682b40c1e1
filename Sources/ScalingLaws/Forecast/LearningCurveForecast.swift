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

    /// What the forecast knew of the learning rate after the last logged point.
    public enum ScheduleKnowledge: String, Sendable, Equatable {
        /// The run's configuration plans it (HF, Megatron, torchtitan, nanoGPT, litgpt keys or
        /// the sidecar).
        case planned
        /// The logged rates follow a decay that ends at the planned end.
        case inferred
        /// The logged rate has been flat (or stepped) so far and nothing plans the rest: the
        /// interval is widened to cover a cooldown.
        case unknownAfterCut = "unknown after the cut"
        /// No learning rate in the log and no planned schedule: a constant rate is assumed
        /// and the interval is widened to cover a cooldown.
        case noLearningRate = "no learning rate"

        /// The interval covers a cooldown the log cannot rule out.
        public var isWidened: Bool { self == .unknownAfterCut || self == .noLearningRate }
    }

    public var plannedEnd: Double
    public var finalLoss: Double
    /// Prediction interval of the loss at the planned end at `level`.
    public var interval: ClosedRange<Double>
    public var level: Double
    public var knowledge: ScheduleKnowledge
    /// The law of the most likely fit.
    public var law: LearningCurveLaw
    /// The schedule assumed for the rest of the run (with the knowledge unknown, the current
    /// rate held to the end).
    public var schedule: LearningRateSchedule
    /// With the knowledge unknown: the cooldown the interval was widened to cover.
    public var cooldown: LearningRateSchedule?
    /// The bound no forecast goes below, and whether it cut the interval.
    public var floor: LossFloor
    public var floorApplied: Bool
    /// Points the law was fitted to (after dropping warmup and the first 10%).
    public var fittedPoints: Int
    /// Fraction of the planned run observed.
    public var observedFraction: Double
    /// The x of the last point the forecast saw: where it was made.
    public var madeAt: Double
    public var curve: [CurvePoint]
    public var notes: [String]
}
