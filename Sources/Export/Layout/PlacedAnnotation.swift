/// An annotation's text placed beside its point, on the side where it fits.
public struct PlacedAnnotation: Sendable, Equatable {
    public var annotation: Annotation
    public var point: VectorPoint
    public var baseline: VectorPoint
    public var anchor: TextStyle.Anchor
    /// The text's box, for the translucent backing that keeps it readable over lines.
    public var box: VectorRect
}
