/// Where the legend goes.
public enum LegendPlacement: String, Sendable, Codable {
    /// Inside the plot, in the corner the data leaves empty; outside on the right when
    /// every corner is occupied; below the plot when the right would squeeze it.
    case automatic
    case outsideRight
    /// In rows under the axis title, as many columns as fit.
    case below
    case upperLeft, upperRight, lowerLeft, lowerRight
    case hidden
}
