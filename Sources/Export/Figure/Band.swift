/// A translucent region between two curves: a bootstrap interval around a fit, a
/// min/max envelope of repeated runs. `lower` and `upper` are each drawn left to right.
public struct Band: Sendable, Equatable, Codable {
    public var label: String?
    public var lower: [DataPoint]
    public var upper: [DataPoint]
    public var color: FigureColor
    /// 0...1; light enough that lines under it stay visible.
    public var opacity: Double

    public init(label: String?, lower: [DataPoint], upper: [DataPoint], color: FigureColor, opacity: Double = 0.18) {
        self.label = label
        self.lower = lower
        self.upper = upper
        self.color = color
        self.opacity = opacity
    }
}
