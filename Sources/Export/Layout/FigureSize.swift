/// A page size in points (1/72 inch). PNGs are `width × scale` pixels wide.
public struct FigureSize: Sendable, Equatable, Codable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// 7 × 5 inches: a report's full text width with 10 pt labels.
    public static let report = FigureSize(width: 504, height: 360)
    /// 3.4 × 2.6 inches: one column of a two-column paper.
    public static let column = FigureSize(width: 245, height: 187)
}
