/// Type sizes, line weights and spacing of the figure furniture, in points.
public struct FigureStyle: Sendable, Equatable, Codable {
    public enum PowerLabels: String, Sendable, Codable {
        /// 10¹⁹, 2.5×10¹⁸: what papers print.
        case superscript
        /// 1e19, 2.5e18: plain ASCII, as the terminal shows.
        case eNotation
    }

    public var fontSize: Double
    public var titleSize: Double
    public var captionSize: Double
    public var margin: Double
    public var tickLength: Double
    public var minorTickLength: Double
    public var axisWidth: Double
    public var gridWidth: Double
    public var powerLabels: PowerLabels

    public init(fontSize: Double = 10, titleSize: Double = 12, captionSize: Double = 8,
                margin: Double = 10, tickLength: Double = 4, minorTickLength: Double = 2,
                axisWidth: Double = 0.8, gridWidth: Double = 0.5, powerLabels: PowerLabels = .superscript) {
        self.fontSize = fontSize
        self.titleSize = titleSize
        self.captionSize = captionSize
        self.margin = margin
        self.tickLength = tickLength
        self.minorTickLength = minorTickLength
        self.axisWidth = axisWidth
        self.gridWidth = gridWidth
        self.powerLabels = powerLabels
    }

    /// Sizes for a figure of `size`: a one-column figure gets smaller type than a report one.
    public static func fitting(_ size: FigureSize) -> FigureStyle {
        size.width < 360 ? FigureStyle(fontSize: 7.5, titleSize: 8.5, captionSize: 6.5, margin: 6, tickLength: 3,
                                       minorTickLength: 1.5, axisWidth: 0.6, gridWidth: 0.4)
                         : FigureStyle()
    }
}
