import Glibc
import ScalingLaws

/// The study's fits, kept between refits: each fit (IsoFLOP, frontier, Approach 3) remembers
/// the inputs it was fitted on and is redone only when they changed. A line appended to a
/// running run changes that run's compute and loss so far, so the frontier and the IsoFLOP
/// slices (which read running runs' curves) are refitted, but Approach 3 reads finished runs
/// only and is kept: with a thousand finished runs its bootstrap is most of a refit's cost. Results are the
/// same as fitting afresh (`StudyFits.compute`), since every fit is a deterministic
/// function of its inputs (seeded bootstraps).
public struct StudyFitter: Sendable {
    public let bootstrapSamples: Int
    public let seed: UInt64
    public let threads: Int

    private var isoFLOP: (inputs: [IsoFLOPSlices.Input], outcome: FitOutcome<StudyFits.IsoFLOP>)?
    private var frontier: (flops: [Double], loss: [Double], fit: StudyFits.Frontier)?
    /// The frontier's fits by the points they read: a line that moves no resample's frontier
    /// costs no frontier refit.
    private let frontierMemo = FrontierRefitMemo()
    private var parametric: (inputs: [LossObservation], outcome: FitOutcome<StudyFits.Parametric>)?

    /// Which fits the last `fit` call redid ("isoFLOP", "frontier", "parametric"): for tests
    /// and the profile.
    public private(set) var refitted: Set<String> = []

    public init(bootstrapSamples: Int = 200, seed: UInt64 = 1, threads: Int = 1) {
        self.bootstrapSamples = bootstrapSamples
        self.seed = seed
        self.threads = threads
    }

    /// The fits of `runs`, reusing each one whose inputs did not change since the last call.
    public mutating func fit(_ runs: [RunSummary], progress: ProgressCounter? = nil) -> StudyFits {
        let started = MonotonicClock.seconds()
        var bootstrap = Bootstrap(samples: bootstrapSamples, seed: seed, level: StudyFits.level, threads: threads)
        bootstrap.progress = progress
        refitted = []

        let isoInputs = StudyFits.isoFLOPInputs(runs)
        if isoFLOP?.inputs != isoInputs {
            isoFLOP = (isoInputs, StudyFits.fitIsoFLOP(isoInputs, bootstrap: bootstrap))
            refitted.insert("isoFLOP")
        }

        let points = StudyFits.frontierPoints(runs)
        let flops = points.map(\.flops), loss = points.map(\.loss)
        var front: StudyFits.Frontier
        if let kept = frontier, kept.flops == flops, kept.loss == loss {
            // Same compute and losses: the same law; only the runs' statuses may differ.
            front = kept.fit
            front.points = points
        } else {
            front = StudyFits.fitFrontier(points, bootstrap: bootstrap, memo: frontierMemo)
            refitted.insert("frontier")
        }
        frontier = (flops, loss, front)

        let complete = StudyFits.completeRuns(runs)
        let observations = StudyFits.parametricObservations(complete)
        if parametric?.inputs != observations {
            parametric = (observations, StudyFits.fitParametric(observations, bootstrap: bootstrap))
            refitted.insert("parametric")
        }

        var fits = StudyFits(isoFLOP: isoFLOP!.outcome, frontier: front, parametric: parametric!.outcome,
                             finishedRunCount: complete.count, seconds: 0)
        fits.planning = StudyPlanningFits.fit(summaries: runs)
        fits.seconds = MonotonicClock.seconds() - started
        return fits
    }
}
