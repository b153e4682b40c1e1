/// An annotation's text placed near its point, where it covers no data.
public struct PlacedAnnotation: Sendable, Equatable {
    public var annotation: Annotation
    public var point: VectorPoint
    /// Each line's baseline start (the text runs left to right from it).
    public var lines: [PlacedText]
    /// The text's box, for the translucent backing that keeps it readable.
    public var box: VectorRect
    /// False when no place in the plot was free of data and of the other boxes.
    public var isClear: Bool
}
