/// A forecast, or the reason there is none.
public enum LearningCurveForecastOutcome: Sendable, Equatable {
    case forecast(LearningCurveForecast)
    /// Too little of the curve to extrapolate honestly; the reason says what is missing.
    case tooLittleOfTheCurve(String)
    /// The input itself is wrong (lengths differ, non-finite values, end before the data).
    case invalidInput(String)

    public var forecast: LearningCurveForecast? {
        if case let .forecast(f) = self { return f }
        return nil
    }
}
