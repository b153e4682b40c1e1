/// How a path's outline is drawn.
public struct StrokeStyle: Sendable, Hashable {
    public var color: FigureColor
    public var width: Double
    /// On/off lengths in points; empty for solid.
    public var dash: [Double]
    public var opacity: Double

    public init(color: FigureColor, width: Double, dash: [Double] = [], opacity: Double = 1) {
        self.color = color
        self.width = width
        self.dash = dash
        self.opacity = opacity
    }
}
