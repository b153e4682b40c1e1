/// A polyline through data points: a loss curve, a fitted law, a frontier.
public struct LineSeries: Sendable, Equatable, Codable {
    public enum Dash: String, Sendable, Codable, CaseIterable {
        case solid, dashed, dotted, dashDot

        /// On/off lengths in multiples of the line width; empty for a solid line. Dots are
        /// round caps on near-zero dashes, so they stay round at any width.
        public func lengths(width: Double) -> [Double] {
            let w = max(width, 0.5)
            switch self {
            case .solid: return []
            case .dashed: return [4 * w, 2.5 * w]
            case .dotted: return [0.01, 2 * w]
            case .dashDot: return [4 * w, 2 * w, 0.01, 2 * w]
            }
        }
    }

    /// Legend text; nil keeps the series out of the legend.
    public var label: String?
    public var points: [DataPoint]
    public var color: FigureColor
    /// In points (1/72 inch).
    public var width: Double
    public var dash: Dash

    public init(label: String?, points: [DataPoint], color: FigureColor, width: Double = 1.5, dash: Dash = .solid) {
        self.label = label
        self.points = points
        self.color = color
        self.width = width
        self.dash = dash
    }
}
