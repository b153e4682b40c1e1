import StudyAnalysis
import ScalingLaws

/// One run's line of the forecast report.
struct ForecastRow {
    var curve: RunCurve
    var status = ""
    var forecast: LearningCurveForecast?
    var actualFinalLoss: Double?
    var calibrationFactor: Double?
    var notes: [String] = []
}
