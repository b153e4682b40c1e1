import Charts

/// The colours of a figure's furniture and the run colours to pick series colours from,
/// taken from a dashboard theme (`--theme light` for papers) so exports match the screen.
public struct FigurePalette: Sendable, Equatable, Codable {
    public var background: FigureColor
    public var text: FigureColor
    public var title: FigureColor
    /// Caption and other secondary text.
    public var secondaryText: FigureColor
    public var axis: FigureColor
    public var grid: FigureColor
    public var minorGrid: FigureColor
    public var runs: [FigureColor]
    public var sizeGradient: [FigureColor]

    public init(background: FigureColor, text: FigureColor, title: FigureColor, secondaryText: FigureColor,
                axis: FigureColor, grid: FigureColor, minorGrid: FigureColor, runs: [FigureColor],
                sizeGradient: [FigureColor]) {
        self.background = background
        self.text = text
        self.title = title
        self.secondaryText = secondaryText
        self.axis = axis
        self.grid = grid
        self.minorGrid = minorGrid
        self.runs = runs
        self.sizeGradient = sizeGradient
    }

    /// The theme's colours. Where a theme leaves the background to the terminal (most do),
    /// the figure gets white behind dark text and near-black behind light text.
    public init(theme: Theme) {
        let text = FigureColor(theme.foreground, fallback: .black)
        let background = FigureColor(theme.background,
                                     fallback: text.luminance > 0.5 ? FigureColor(red: 0x1B, green: 0x1E, blue: 0x24) : .white)
        let grid = FigureColor(theme.grid, fallback: text.mixed(with: background, 0.8))
        self.init(background: background, text: text,
                  title: FigureColor(theme.title, fallback: text),
                  secondaryText: FigureColor(theme.inactive, fallback: text.mixed(with: background, 0.4)),
                  axis: FigureColor(theme.axis, fallback: text),
                  grid: grid,
                  minorGrid: grid.mixed(with: background, 0.55),
                  runs: theme.runPalette.map { FigureColor($0, fallback: text) },
                  sizeGradient: theme.sizeGradient.map { FigureColor($0, fallback: text) })
    }

    /// The i-th run colour, cycling.
    public func runColor(_ index: Int) -> FigureColor {
        runs.isEmpty ? text : runs[((index % runs.count) + runs.count) % runs.count]
    }

    /// A colour along the size gradient, `t` in 0...1 (small → large model), as the
    /// dashboard colours runs by log N.
    public func sizeColor(_ t: Double) -> FigureColor {
        sizeGradient.isEmpty ? text : FigureColor.gradient(sizeGradient, t)
    }
}
