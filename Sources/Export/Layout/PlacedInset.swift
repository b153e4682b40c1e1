/// An inset's frame on the page and its own layout, in coordinates local to the frame.
public struct PlacedInset: Sendable {
    /// Which of the figure's insets this is.
    public var index: Int
    public var frame: VectorRect
    public var figure: Figure
    public var layout: FigureLayout
}
