/// How a line of text is set. Text is placed by its baseline; `anchor` says which end (or
/// the middle) sits at the given point, and `rotation` turns it about that point.
public struct TextStyle: Sendable, Hashable {
    public enum Anchor: Sendable, Hashable { case start, middle, end }

    public var size: Double
    public var bold: Bool
    public var color: FigureColor
    public var anchor: Anchor
    /// Degrees, counter-clockwise on the page (90 for a y-axis title).
    public var rotation: Double

    public init(size: Double, bold: Bool = false, color: FigureColor, anchor: Anchor = .start, rotation: Double = 0) {
        self.size = size
        self.bold = bold
        self.color = color
        self.anchor = anchor
        self.rotation = rotation
    }
}
