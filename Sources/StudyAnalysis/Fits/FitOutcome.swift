/// A fit the dashboard shows: its result, or why there is none in words a person can act on.
public enum FitOutcome<Value: Sendable>: Sendable {
    case fitted(Value)
    /// Not enough of the right runs yet (e.g. "needs 2 budgets with 3 sizes each").
    case waiting(String)
    /// The data was there but the fit failed.
    case failed(String)
    /// Fitted, but the study's design cannot separate N from D, so no allocation is given
    /// (`DesignIdentifiability`); the text says why.
    case unidentified(String)

    public var value: Value? {
        if case .fitted(let v) = self { return v }
        return nil
    }

    /// The reason there is no value, if there is none.
    public var message: String? {
        switch self {
        case .fitted: return nil
        case .waiting(let m), .failed(let m): return m
        case .unidentified(let m): return "unidentified: " + m
        }
    }
}
