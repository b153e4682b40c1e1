import RunIngest
import ScalingLaws

/// Where a running run is heading: its forecast final loss with a prediction interval and
/// the forecast curve, or why there is none, and whether it lands clearly above the
/// study's frontier.
public struct RunForecast: Sendable {
    public enum Outcome: Sendable {
        case forecast(LearningCurveForecast)
        /// Too little of the curve, no planned end, or a fit that failed: the reason.
        case none(String)
    }

    public var runID: String
    /// The quantity the forecast's x is in (tokens, else steps).
    public var axis: XAxisQuantity
    public var outcome: Outcome
    /// The forecast interval lies wholly above the frontier's band (by more than 1%) at the
    /// run's planned compute: it will end up dominated, and training it to the end buys
    /// nothing the study does not already have.
    public var offFrontier = false
    /// The interval was widened by the study's own calibration (`StudyCalibration`); false
    /// while too few runs of other sizes have finished, when the interval is the raw one,
    /// which is too narrow late in a run.
    public var calibrated = false

    public var forecast: LearningCurveForecast? {
        if case .forecast(let f) = outcome { return f }
        return nil
    }

    public var reason: String? {
        if case .none(let r) = outcome { return r }
        return nil
    }
}

/// Forecasts for the running runs of a study, kept between fits: a run is forecast again
/// only when its curve has grown by a tenth of its points or its planned end changed, so a
/// live study does not redo every forecast on every appended line. Used by one thread (the
/// dashboard's fit worker) at a time.
public final class RunForecaster: @unchecked Sendable {
    private struct Memo {
        var pointCount: Int
        var plannedEnd: Double?
        var forecast: RunForecast
    }

    private var memo: [String: Memo] = [:]
    /// Calibration scores of each finished run, kept while its curve is unchanged.
    private var scoresByRun: [String: (pointCount: Int, scores: [StudyCalibration.Score])] = [:]
    public let bootstrapReplicates: Int

    public init(bootstrapReplicates: Int = 60) {
        self.bootstrapReplicates = bootstrapReplicates
    }

    /// Forecasts for every unfinished run with points, flagged against `frontier` when the
    /// frontier law is fitted.
    public func forecasts(for runs: [Run], frontier: StudyFits.Frontier?) -> [String: RunForecast] {
        var out: [String: RunForecast] = [:]
        var live = Set<String>()
        // Finished runs score the forecaster once each; a newly finished run changes the
        // calibration, so every forecast is redone then.
        var finished = Set<String>()
        var calibrationChanged = false
        for (i, run) in runs.enumerated() where run.isFinished {
            finished.insert(run.id)
            if scoresByRun[run.id]?.pointCount == run.points.count { continue }
            scoresByRun[run.id] = (run.points.count, StudyCalibration.scores(of: RunCurve(run), level: StudyFits.level,
                                                                               bootstrapReplicates: bootstrapReplicates,
                                                                               seed: 1000 + UInt64(i)))
            calibrationChanged = true
        }
        scoresByRun = scoresByRun.filter { finished.contains($0.key) }
        if calibrationChanged { memo.removeAll() }
        let scores = scoresByRun.values.flatMap(\.scores)
        for run in runs where !run.isFinished && !run.points.isEmpty {
            live.insert(run.id)
            let curve = RunCurve(run)
            if let m = memo[run.id], m.plannedEnd == curve.plannedEnd,
               Double(curve.x.count) < Double(m.pointCount) * 1.1 {
                out[run.id] = m.forecast
                continue
            }
            var forecast = RunForecast(runID: run.id, axis: curve.axis, outcome: .none(""))
            if let end = curve.plannedEnd {
                var input = LearningCurveForecastInput(x: curve.x, loss: curve.loss, learningRate: curve.learningRate,
                                                       plannedEnd: end, level: StudyFits.level,
                                                       bootstrapReplicates: bootstrapReplicates, seed: 1, curvePoints: 32)
                let seen = (curve.x.last ?? 0) / end
                if let factor = StudyCalibration.factor(scores, parameters: curve.parameters, seenFraction: seen,
                                                        level: StudyFits.level).factor {
                    input.calibrationFactor = factor
                    forecast.calibrated = true
                }
                switch LearningCurveForecaster.forecast(input) {
                case .forecast(let f): forecast.outcome = .forecast(f)
                case .tooLittleOfTheCurve(let why), .invalidInput(let why): forecast.outcome = .none(why)
                }
            } else {
                forecast.outcome = .none("no planned end: add planned_tokens (or planned_steps) to its metadata")
            }
            memo[run.id] = Memo(pointCount: curve.x.count, plannedEnd: curve.plannedEnd, forecast: forecast)
            out[run.id] = forecast
        }
        memo = memo.filter { live.contains($0.key) }
        // The frontier changes as other runs finish, so the flag is recomputed every time.
        // Flagged only inside the compute the frontier was fitted on (no extrapolation) and
        // by a margin of 1% of the loss, so noise and a slightly off-optimal shape do not
        // raise it.
        if let frontier, let law = frontier.law.value,
           let reach = frontier.nonDominated.map({ frontier.points[$0].flops }).max() {
            for run in runs {
                guard var f = out[run.id], let final = f.forecast, let c = RunForecaster.plannedFlops(run), c <= reach else { continue }
                let draws = frontier.lawDraws.map { $0(c) }.sorted()
                let upper = draws.count >= 10 ? draws[Int(Double(draws.count - 1) * (1 + StudyFits.level) / 2)] : law(c)
                f.offFrontier = final.interval.lowerBound > upper * 1.01
                out[run.id] = f
            }
        }
        return out
    }

    /// Compute at the run's planned end.
    static func plannedFlops(_ run: Run) -> Double? {
        guard let planned = run.metadata.plannedTokens else { return nil }
        if let perToken = run.metadata.flopsPerToken { return planned * perToken }
        if let n = run.metadata.parameters { return 6 * n * planned }
        return nil
    }
}
