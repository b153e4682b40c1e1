import Charts
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The dashboard's chart panels as publication figures. Each figure starts from the panel's
/// own `LineChart` (the value the panel draws on screen, not its cells), converted with
/// `Figure(chart:)`, and adds what a report needs and a terminal has no room for: axis
/// labels with units, a title, a caption saying where the data came from, the fit's
/// annotation, and the fit parameters the data files list.
public struct DashboardFigures {
    public var view: DashboardView
    public var provenance: FigureProvenance
    /// Size, resolution, type size, title and caption, as `--size`, `--dpi` and friends ask.
    public var page: PageSetup

    /// The terminal chart a figure inherits its decimation from: 360 columns are 720 dot
    /// columns, finer than a 7-inch figure's line can show, yet a 50-run SVG stays small.
    static let chartRect = Rect(x: 0, y: 0, width: 360, height: 120)

    public init(view: DashboardView, provenance: FigureProvenance, page: PageSetup = PageSetup()) {
        self.view = view
        self.provenance = provenance
        self.page = page
    }

    public var palette: FigurePalette { FigurePalette(theme: view.theme) }

    /// The panel's figure, its colours and size, and its fit parameters.
    public func spec(for panel: DashboardPanel) throws -> FigureSpec {
        let context = view.panelContext()
        switch panel {
        case .curves: return try curves(context)
        case .runs: throw DashboardFigureError.notAChart(.runs)
        case .isoFLOP: return try isoFLOP(context)
        case .frontier: return try frontier(context)
        case .whatIf: return try whatIf(context)
        }
    }

    /// The panel zoomed to the whole `width` × `height` screen, exactly as `z` shows it in
    /// the dashboard: the text, ANSI, HTML and screen-SVG exports are this grid.
    public func screen(for panel: DashboardPanel, width: Int, height: Int) -> CellGrid {
        var zoomed = view
        zoomed.state.focus = panel
        zoomed.state.zoomed = true
        zoomed.state.showHelp = false
        zoomed.state.showErrors = false
        return zoomed.render(width: width, height: height)
    }

    /// "12 of 25 runs from sample-runs/olmo-ladder (filter 'N>1e8'); <fit>."
    func caption(_ c: PanelContext, fit: String?) -> String {
        let total = c.study.runs.count
        var text = c.visible.count == total ? "\(total) runs" : "\(c.visible.count) of \(total) runs"
        text += " from \(provenance.studyFolder)"
        if !c.state.filter.isEmpty { text += " (filter '\(c.state.filter)')" }
        // The dashboard fits every run and the filter only hides some: say so under a fit.
        if let fit { text += (c.visible.count == total ? "; " : "; fits use all \(total) runs; ") + fit }
        return text + "."
    }

    /// "80% intervals from 200 bootstrap resamples".
    var intervalSource: String {
        "\(Int((StudyFits.level * 100).rounded()))% intervals from \(provenance.bootstrapSamples) bootstrap resamples"
    }

    func spec(_ figure: Figure, parameters: [FitParameter] = []) -> FigureSpec {
        var spec = FigureSpec(figure: figure, palette: palette, parameters: parameters)
        page.apply(to: &spec)
        return spec
    }

    /// Takes the labels of per-value series out of the legend (a colour bar says which colour
    /// is which value) and puts `keys` first: neutral rows saying what the marks are.
    static func replaceLegend(_ figure: inout Figure, dropping labels: Set<String>, keys: [FigureLayer]) {
        figure.layers = figure.layers.map { layer in
            switch layer {
            case .line(var s) where s.label.map(labels.contains) == true: s.label = nil; return .line(s)
            case .markers(var m) where m.label.map(labels.contains) == true: m.label = nil; return .markers(m)
            default: return layer
            }
        }
        figure.layers.insert(contentsOf: keys, at: 0)
    }

    /// Bands from the terminal chart carry no legend entry there (the shading speaks for
    /// itself on screen); in a figure they say what they are.
    static func labelBands(_ figure: inout Figure, _ label: String) {
        figure.layers = figure.layers.map { layer in
            guard case .band(var band) = layer else { return layer }
            band.label = label
            return .band(band)
        }
    }

    /// Loss curves of the visible runs on the axis the dashboard shows, smoothed as on
    /// screen, with forecasts of running runs.
    func curves(_ c: PanelContext) throws -> FigureSpec {
        let chart = CurvesPanel.chart(context: c, rect: DashboardFigures.chartRect)
        guard !chart.series.isEmpty else { throw DashboardFigureError.nothingToDraw(.curves, reason: chart.emptyMessage) }
        var notes: [String] = []
        if c.state.smoothing > 0 {
            notes.append("smoothed with a debiased EMA (weight \(NumberFormat.short(c.state.smoothing))) on log loss, raw curves faint")
        }
        if !chart.bands.isEmpty || chart.series.contains(where: { $0.kind == .dashed }) {
            notes.append("dashed: forecasts of running runs to their planned end, with \(intervalSource)")
        }
        var figure = Figure(chart: chart, title: "Loss curves",
                            caption: caption(c, fit: notes.isEmpty ? nil : notes.joined(separator: "; ")), palette: palette)
        let q = c.state.xAxis
        switch q {
        case .step: figure.xAxis.label = "training step"; figure.xAxis.unit = ""
        case .tokens: figure.xAxis.label = "training data"; figure.xAxis.unit = "tokens"
        case .flops: figure.xAxis.label = "training compute"; figure.xAxis.unit = "FLOPs"
        case .wallTime: figure.xAxis.label = "wall time"; figure.xAxis.unit = "s"
        }
        figure.yAxis.label = "loss"
        figure.yAxis.unit = "nats/token"
        DashboardFigures.labelBands(&figure, "forecast band")
        sizeColorBar(&figure, c)
        return spec(figure)
    }

    /// Runs are coloured by log N (`RunInks`). Up to `legendSizes` sizes the legend names each,
    /// with its marker; beyond that a legend would be cut short, so a colour bar of N takes
    /// over, the ticks on it marking the sizes present, and the legend keeps the runs without
    /// a size.
    static let legendSizes = 8

    func sizeColorBar(_ figure: inout Figure, _ c: PanelContext) {
        let sizes = Set(c.study.runs.compactMap(\.metadata.parameters)).sorted()
        guard sizes.count > DashboardFigures.legendSizes, let low = sizes.first, let high = sizes.last, high > low else { return }
        let sizeLabels = Set(c.inks.legend.map(\.label).filter { $0.hasPrefix("N=") })
        DashboardFigures.replaceLegend(&figure, dropping: sizeLabels, keys: [])
        figure.colorBar = ColorBar(axis: FigureAxis(label: "model size N", unit: "parameters", scale: .log10, domain: low...high),
                                   colors: palette.sizeGradient, marks: sizes)
    }
}
