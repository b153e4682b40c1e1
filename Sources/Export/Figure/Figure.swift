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

    public init(title: String, caption: String = "", xAxis: FigureAxis, yAxis: FigureAxis,
                layers: [FigureLayer], legend: LegendPlacement = .automatic) {
        self.title = title
        self.caption = caption
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.layers = layers
        self.legend = legend
    }
}
