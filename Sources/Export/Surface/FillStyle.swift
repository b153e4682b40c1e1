/// How a path's inside is painted.
public struct FillStyle: Sendable, Hashable {
    public var color: FigureColor
    public var opacity: Double

    public init(color: FigureColor, opacity: Double = 1) {
        self.color = color
        self.opacity = opacity
    }
}
