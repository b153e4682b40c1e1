/// Type sizes, line weights and spacing of the figure furniture, in points, and whether the
/// title and caption are drawn (a paper sets its own in LaTeX, under the figure).
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
    public var showsTitle: Bool
    public var showsCaption: Bool

    public init(fontSize: Double = 10, titleSize: Double = 12, captionSize: Double = 8,
                margin: Double = 10, tickLength: Double = 4, minorTickLength: Double = 2,
                axisWidth: Double = 0.8, gridWidth: Double = 0.5, powerLabels: PowerLabels = .superscript,
                showsTitle: Bool = true, showsCaption: Bool = true) {
        self.fontSize = fontSize
        self.titleSize = titleSize
        self.captionSize = captionSize
        self.margin = margin
        self.tickLength = tickLength
        self.minorTickLength = minorTickLength
        self.axisWidth = axisWidth
        self.gridWidth = gridWidth
        self.powerLabels = powerLabels
        self.showsTitle = showsTitle
        self.showsCaption = showsCaption
    }

    /// Sizes for a figure of `size`: a one-column figure gets smaller type than a report one.
    /// `fontSize` sets the labels' size and scales the title (1.2×) and caption (0.8×) with it.
    public static func fitting(_ size: FigureSize, fontSize: Double? = nil) -> FigureStyle {
        var style = size.width < 360 ? FigureStyle(fontSize: 7.5, titleSize: 8.5, captionSize: 6.5, margin: 6, tickLength: 3,
                                                   minorTickLength: 1.5, axisWidth: 0.6, gridWidth: 0.4)
                                     : FigureStyle()
        if let fontSize {
            style.fontSize = fontSize
            style.titleSize = fontSize * 1.2
            style.captionSize = fontSize * 0.8
        }
        return style
    }

    /// Markers are sized for 10-point type and scale with it: a one-column figure's smaller
    /// labels get smaller symbols too, so 25 runs do not merge into one blot.
    public var markerScale: Double { min(1.5, max(0.5, fontSize / 10)) }

    /// A copy with type `scale` times as large, for an inset drawn inside a figure.
    func scaled(_ scale: Double, margin: Double) -> FigureStyle {
        var style = self
        style.fontSize *= scale
        style.titleSize *= scale
        style.captionSize *= scale
        style.tickLength *= scale
        style.minorTickLength *= scale
        style.margin = margin
        return style
    }

    private enum CodingKeys: String, CodingKey {
        case fontSize, titleSize, captionSize, margin, tickLength, minorTickLength, axisWidth, gridWidth, powerLabels
        case showsTitle, showsCaption
    }

    /// Specs saved before the title and caption could be left out have neither flag.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(fontSize: try c.decode(Double.self, forKey: .fontSize), titleSize: try c.decode(Double.self, forKey: .titleSize),
                  captionSize: try c.decode(Double.self, forKey: .captionSize), margin: try c.decode(Double.self, forKey: .margin),
                  tickLength: try c.decode(Double.self, forKey: .tickLength),
                  minorTickLength: try c.decode(Double.self, forKey: .minorTickLength),
                  axisWidth: try c.decode(Double.self, forKey: .axisWidth), gridWidth: try c.decode(Double.self, forKey: .gridWidth),
                  powerLabels: try c.decode(PowerLabels.self, forKey: .powerLabels),
                  showsTitle: try c.decodeIfPresent(Bool.self, forKey: .showsTitle) ?? true,
                  showsCaption: try c.decodeIfPresent(Bool.self, forKey: .showsCaption) ?? true)
    }
}
