/// An inset's frame on the page and its own layout, in coordinates local to the frame.
public struct PlacedInset: Sendable {
    public var frame: VectorRect
    public var figure: Figure
    public var layout: FigureLayout
}
