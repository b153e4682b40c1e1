/// Text pinned to a data point: a fitted exponent ("N_opt ∝ C^0.51 ± 0.02"), a vertex, a
/// note on a restart. The text sits `offset` points away (x right, y up) from the point and
/// flips to the other side when it would leave the plot.
public struct Annotation: Sendable, Equatable, Codable {
    public var text: String
    public var at: DataPoint
    public var offset: DataPoint
    public var color: FigureColor
    /// Draw a small dot at the point itself.
    public var marksPoint: Bool

    public init(text: String, at: DataPoint, offset: DataPoint = DataPoint(x: 6, y: 6),
                color: FigureColor, marksPoint: Bool = false) {
        self.text = text
        self.at = at
        self.offset = offset
        self.color = color
        self.marksPoint = marksPoint
    }
}
