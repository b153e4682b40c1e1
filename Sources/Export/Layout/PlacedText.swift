/// A line of text at its baseline position.
public struct PlacedText: Sendable, Equatable {
    public var text: String
    public var at: VectorPoint
}
