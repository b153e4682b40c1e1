/// A position on the page in points (1/72 inch), origin top-left, y downwards: the
/// convention SVG and cairo share, so neither backend converts.
public struct VectorPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}
