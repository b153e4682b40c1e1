/// A small second plot inside the main one: the power law N_opt ∝ C^a beside the IsoFLOP
/// parabolas it came from (Hoffmann et al. 2022, Fig. 3), a zoom on the frontier's end.
/// Its figure's title and caption are ignored; its axes, layers and legend are drawn.
public struct FigureInset: Sendable, Equatable, Codable {
    public var figure: Figure
    /// upperLeft, upperRight, lowerLeft or lowerRight; `automatic` takes the corner the
    /// data and legend leave emptiest.
    public var corner: LegendPlacement
    /// The inset's share of the plot's width and height.
    public var widthFraction: Double
    public var heightFraction: Double

    public init(figure: Figure, corner: LegendPlacement = .automatic, widthFraction: Double = 0.4, heightFraction: Double = 0.42) {
        self.figure = figure
        self.corner = corner
        self.widthFraction = widthFraction
        self.heightFraction = heightFraction
    }
}
