/// A fitted quantity as the figure reports it: the exponent a in N_opt ∝ C^a, with its
/// bootstrap interval. Passed in labelled, so the data file says what each number is.
public struct FitParameter: Sendable, Equatable, Codable {
    /// What it is, e.g. "a (N_opt ∝ C^a)".
    public var name: String
    public var value: Double
    /// The interval's ends, when there is one.
    public var lower: Double?
    public var upper: Double?
    /// The interval's coverage, e.g. 0.95; nil when there is no interval.
    public var confidence: Double?
    /// "FLOPs", "nats/token"; empty for dimensionless numbers.
    public var unit: String
    /// How it was obtained, e.g. "Approach 1, 200 bootstrap resamples".
    public var method: String

    public init(name: String, value: Double, lower: Double? = nil, upper: Double? = nil,
                confidence: Double? = nil, unit: String = "", method: String = "") {
        self.name = name
        self.value = value
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.unit = unit
        self.method = method
    }
}
