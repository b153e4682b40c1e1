import ScalingLaws

/// Every fit the dashboard draws, computed together from one set of run summaries on the
/// fit thread (`StudyFits.compute`), then handed to the UI as a value.
public struct StudyFits: Sendable {
    /// Chinchilla Approach 2 over the study's IsoFLOP slices.
    public struct IsoFLOP: Sendable {
        public var slices: IsoFLOPSlices
        public var analysis: IsoFLOPAnalysis
        /// N_opt(C) = k·C^a sampled over the budgets, with its bootstrap band.
        public var optimalParametersCurve: [BandSample]
        /// Bootstrap interval of the exponent a (level `StudyFits.level`).
        public var exponentInterval: ClosedRange<Double>?
        /// The bootstrap replicates of N_opt(C) and D_opt(C) = C/(6·N_opt), for intervals.
        public var allocationDraws: [PowerLawAllocation]
    }

    /// The Pareto frontier of (compute so far, loss) over all runs, and L(C) = E + (C₀/C)^γ
    /// fitted to its non-dominated points.
    public struct Frontier: Sendable {
        public struct Point: Sendable, Equatable {
            public var runID: String
            public var flops: Double
            public var loss: Double
            public var status: RunStatus
        }
        public var points: [Point]
        /// Indices into `points` of the non-dominated runs, by increasing compute.
        public var nonDominated: [Int]
        public var law: FitOutcome<SaturatingPowerLaw>
        public var lawCurve: [BandSample]
        public var exponentInterval: ClosedRange<Double>?
        /// Bootstrap replicates of the law.
        public var lawDraws: [SaturatingPowerLaw]
    }

    /// Approach 3, L(N, D) = E + A/N^α + B/D^β on the finished runs' final losses.
    public struct Parametric: Sendable {
        public var law: ParametricLaw
        /// Bootstrap replicates of the law (for intervals on what-if answers).
        public var replicates: [ParametricLaw]
        public var runCount: Int
    }

    public var isoFLOP: FitOutcome<IsoFLOP>
    public var frontier: Frontier
    public var parametric: FitOutcome<Parametric>
    /// How many runs the fits could use (finished, with size, compute and loss).
    public var finishedRunCount: Int
    /// Seconds the fits took (shown in the status line).
    public var seconds: Double
    /// The study's own vocabulary, critical-batch and QAT laws, when its runs carry the metadata.
    public var planning = StudyPlanningFits()

    /// Bands and intervals are central 80% intervals: wide enough to mean something with a
    /// few dozen runs, narrow enough to be drawn.
    public static let level = 0.8

    public static let empty = StudyFits(
        isoFLOP: .waiting("no finished runs yet"),
        frontier: Frontier(points: [], nonDominated: [], law: .waiting("no runs yet"), lawCurve: [], exponentInterval: nil,
                           lawDraws: []),
        parametric: .waiting("no finished runs yet"), finishedRunCount: 0, seconds: 0)
}
