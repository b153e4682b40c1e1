/// Split-conformal widening of forecast intervals (methods.md §5.2 step 5): on finished runs
/// of the same study, truncate, forecast, and score each forecast by how many of its own
/// half-widths the truth fell from it. The factor is the score quantile at the target level
/// with the finite-sample correction ⌈(n+1)·level⌉/n, so that, if the scored forecasts are
/// exchangeable with the new one, intervals widened by it cover at least `level`.
public struct ForecastCalibration: Sendable, Equatable {
    /// Scores |actual − forecast| / (half-width on the side the actual fell).
    public var scores: [Double]
    public var level: Double

    public init(scores: [Double], level: Double) {
        self.scores = scores.filter(\.isFinite)
        self.level = level
    }

    /// The score of one calibration forecast against the loss the run actually reached.
    public static func score(_ forecast: LearningCurveForecast, actualFinalLoss: Double) -> Double {
        let error = actualFinalLoss - forecast.finalLoss
        let halfWidth = error >= 0 ? forecast.interval.upperBound - forecast.finalLoss : forecast.finalLoss - forecast.interval.lowerBound
        return halfWidth > 0 ? abs(error) / halfWidth : (error == 0 ? 0 : .infinity)
    }

    /// The factor for the half-widths; nil with too few scores for the level (fewer than
    /// 1/(1 − level) − 1, where the corrected quantile would be the maximum or beyond).
    public var factor: Double? {
        let n = scores.count
        guard n > 0 else { return nil }
        let rank = Int((Double(n + 1) * level).rounded(.up))
        guard rank <= n else { return nil }
        return scores.sorted()[rank - 1]
    }

    /// Truncate every finished curve at each fraction, forecast it (with no calibration) and
    /// score the forecast against the curve's last loss.
    public static func fromFinishedRuns(_ runs: [LearningCurveForecastInput], fractions: [Double] = [0.25, 0.5, 0.75],
                                        level: Double) -> ForecastCalibration {
        var scores: [Double] = []
        for run in runs {
            guard let lastX = run.x.last, let actual = run.loss.last else { continue }
            for fraction in fractions {
                let keep = run.x.indices.filter { run.x[$0] <= fraction * lastX }
                var truncated = run
                truncated.x = keep.map { run.x[$0] }
                truncated.loss = keep.map { run.loss[$0] }
                truncated.learningRate = run.learningRate.map { lr in keep.map { lr[$0] } }
                truncated.plannedEnd = lastX
                truncated.level = level
                truncated.calibrationFactor = 1
                truncated.curvePoints = 2
                if let f = LearningCurveForecaster.forecast(truncated).forecast {
                    scores.append(score(f, actualFinalLoss: actual))
                }
            }
        }
        return ForecastCalibration(scores: scores, level: level)
    }
}
