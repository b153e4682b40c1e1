import ScalingLaws

/// Optional split-conformal calibration of forecasts from the study's own finished runs
/// (methods.md §5.2 step 5), for `scaletop forecast --calibrate`: each finished run is cut
/// at 25, 50 and 75% of its length, forecast, and scored against its real end; a running
/// run's interval is then widened (or narrowed) by the factor those scores give, taken from
/// runs of other sizes at the fraction nearest to how far it has got. The forecaster's own
/// intervals are meant to be calibrated without it (bench/forecast scores them); this is a
/// check, and a correction for a study unlike anything the forecaster was tuned on.
public enum StudyCalibration {
    public static let fractions = [0.25, 0.5, 0.75]

    public struct Score: Sendable, Equatable {
        public var parameters: Double?
        public var fraction: Double
        public var score: Double
    }

    /// The scores of one finished curve, one per fraction that could be forecast.
    public static func scores(of curve: RunCurve, level: Double, floor: LossFloor?) -> [Score] {
        guard let end = curve.x.last else { return [] }
        let input = LearningCurveForecastInput(x: curve.x, loss: curve.loss, learningRate: curve.learningRate, schedule: curve.schedule,
                                               plannedEnd: end, floor: floor, level: level, curvePoints: 2)
        return fractions.flatMap { fraction in
            ForecastCalibration.fromFinishedRuns([input], fractions: [fraction], level: level).scores.map {
                Score(parameters: curve.parameters, fraction: fraction, score: $0)
            }
        }
    }

    /// The widening factor for a run of `parameters` that has seen `seenFraction` of its
    /// planned end, from the scores of other sizes at the nearest fraction; nil when there
    /// are too few of them. Also returns how many scores were used.
    public static func factor(_ scores: [Score], parameters: Double?, seenFraction: Double, level: Double) -> (factor: Double?, count: Int) {
        let nearest = fractions.min { abs($0 - seenFraction) < abs($1 - seenFraction) }!
        let others = scores.filter { ($0.parameters != parameters || parameters == nil) && $0.fraction == nearest }.map(\.score)
        return (ForecastCalibration(scores: others, level: level).factor, others.count)
    }
}
