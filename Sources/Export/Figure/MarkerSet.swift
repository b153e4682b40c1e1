/// Points drawn as symbols: runs on a frontier, IsoFLOP minima, measured losses.
public struct MarkerSet: Sendable, Equatable, Codable {
    public enum Shape: String, Sendable, Codable, CaseIterable {
        case circle, square, triangle, diamond, cross, plus
    }

    public var label: String?
    public var points: [DataPoint]
    public var shape: Shape
    /// Hollow markers keep overlapping points distinguishable; filled ones stand out.
    public var filled: Bool
    public var color: FigureColor
    /// Diameter in points.
    public var size: Double

    public init(label: String?, points: [DataPoint], shape: Shape = .circle, filled: Bool = true,
                color: FigureColor, size: Double = 5) {
        self.label = label
        self.points = points
        self.shape = shape
        self.filled = filled
        self.color = color
        self.size = size
    }
}
