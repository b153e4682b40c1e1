/// A publication figure as a value: what the dashboard panel shows, re-described with real
/// axes, so every export format draws the same thing from the data rather than from cells.
public struct Figure: Sendable, Equatable, Codable {
    public var title: String
    /// Where the data came from ("25 runs from sample-runs/olmo-ladder; fit: Approach 1, 200
    /// bootstrap resamples"). Printed under the plot, so a figure pasted into a report keeps it.
    public var caption: String
    public var xAxis: FigureAxis
    public var yAxis: FigureAxis
    public var layers: [FigureLayer]
    public var legend: LegendPlacement
    public var insets: [FigureInset]
    /// What the series' colours encode, drawn right of the plot; nil when colours only tell
    /// series apart (the legend says which is which).
    public var colorBar: ColorBar?

    public init(title: String, caption: String = "", xAxis: FigureAxis, yAxis: FigureAxis,
                layers: [FigureLayer], legend: LegendPlacement = .automatic, insets: [FigureInset] = [],
                colorBar: ColorBar? = nil) {
        self.title = title
        self.caption = caption
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.layers = layers
        self.legend = legend
        self.insets = insets
        self.colorBar = colorBar
    }

    private enum CodingKeys: String, CodingKey { case title, caption, xAxis, yAxis, layers, legend, insets, colorBar }

    /// Hand-edited specs may leave out the caption, legend, insets and colour bar.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decode(String.self, forKey: .title),
                  caption: try c.decodeIfPresent(String.self, forKey: .caption) ?? "",
                  xAxis: try c.decode(FigureAxis.self, forKey: .xAxis),
                  yAxis: try c.decode(FigureAxis.self, forKey: .yAxis),
                  layers: try c.decode([FigureLayer].self, forKey: .layers),
                  legend: try c.decodeIfPresent(LegendPlacement.self, forKey: .legend) ?? .automatic,
                  insets: try c.decodeIfPresent([FigureInset].self, forKey: .insets) ?? [],
                  colorBar: try c.decodeIfPresent(ColorBar.self, forKey: .colorBar))
    }
}
