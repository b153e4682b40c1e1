import StudyAnalysis
import ScalingLaws

/// One run's line of the forecast report.
struct ForecastRow {
    var curve: RunCurve
    var status = ""
    var forecast: LearningCurveForecast?
    var actualFinalLoss: Double?
    var calibrationFactor: Double?
    /// The optimiser step of the last point the forecast saw.
    var madeAtStep: Int?
    var notes: [String] = []
}
