import ArgumentParser
import Charts
import Export
import Foundation
import Glibc
import RunIngest
import StudyAnalysis
import Terminal

/// `scaletop export PATH`: the dashboard's panels as publication figures, their data and
/// their cells, headless, for scripts and CI; `scaletop export --spec FILE` draws a saved
/// figure again.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the dashboard's panels as figures (SVG, PDF, PNG), their data (CSV, JSON, spec) and their cells (txt, ANSI, HTML).",
        discussion: """
        Figures are drawn again from the runs and fits, not from the terminal's cells, with axis labels, a legend or \
        colour bar, the fit's annotation and a caption naming the study. -o FILE with one panel and one format writes \
        that file (replacing it; its ending chooses the format when --format is not given); -o DIR (an existing \
        folder, a name ending in /, or an export of several panels or formats) writes files named after the panels \
        into it and never overwrites one (frontier-1.svg). Nothing is written inside PATH: scaletop only reads there. \
        PDF and PNG need cairo (libcairo.so.2), loaded when asked for; without it the other formats are still \
        written. With SOURCE_DATE_EPOCH set, PDFs carry that date and rebuild byte for byte.
        """
    )

    @Argument(help: "The study folder, or an MLflow tracking server (as for `scaletop watch`).")
    var directory: String?

    @OptionGroup var server: ServerOptions

    @Option(help: "curves, isoflop, frontier, whatif or all.")
    var panel: String = "all"

    @Option(help: "Comma-separated: svg, pdf, png, csv, json, spec, txt, ansi, html, screen-svg (default: -o FILE's ending, else svg).")
    var format: String?

    @Option(name: .shortAndLong, help: "A file (one panel, one format) or a folder to write to (default: the current folder); created if missing.")
    var output: String?

    @Option(help: "Figure size: width x height and a unit, e.g. 3.25x2.5in (one column), 7x5in (default), 17x12cm, 504x360pt.")
    var size: String?

    @Option(help: "PNG resolution in dots per inch (default 144), also written into the PNG.")
    var dpi: Double?

    @Option(help: "Label size in points (title 1.2×, caption 0.8×); default 10, or 7.5 below 5 inches wide.")
    var fontSize: Double?

    @Flag(help: "Leave out the title (a paper sets its own).")
    var noTitle = false

    @Flag(help: "Leave out the caption saying where the data came from.")
    var noCaption = false

    @Option(help: "Theme for colours: a theme's name (dark, light, high-contrast, colorblind, mono, or yours in $XDG_CONFIG_HOME/scaletop/themes) or a .theme file; light suits papers.")
    var theme: String = "light"

    @Option(help: "Screen width in cells for txt, ansi, html and screen-svg.")
    var width: Int = 120

    @Option(help: "Screen height in cells for txt, ansi, html and screen-svg.")
    var height: Int = 40

    @Option(help: "The what-if budget in FLOPs.")
    var budget: Double?

    @Option(help: "Draw only the runs matching this filter, as / does in the dashboard (N>1e8 lr<3e-4 status=live or a name regex); the fits still use every run.")
    var filter: String?

    @Option(help: "Bootstrap resamples behind the bands and intervals.")
    var bootstrap: Int = 200

    @Option(help: "Draw the figure saved in this spec file (a .spec.json written by --format spec) instead of a study.")
    var spec: String?

    /// Bad values are `CommandFailure`s, not `ValidationError`s, so they exit with status 1
    /// like every other refusal of this command.
    func validate() throws {
        switch (directory, spec) {
        case (nil, nil): throw CommandFailure("give a study folder (scaletop export PATH) or a saved figure (scaletop export --spec FILE)")
        case (.some, .some): throw CommandFailure("give either a study folder or --spec FILE, not both")
        default: break
        }
        guard (20...1000).contains(width), (6...500).contains(height) else {
            throw CommandFailure("--width must be 20…1000 and --height 6…500 cells (got \(width)×\(height))")
        }
        if let budget, !(budget.isFinite && budget >= 1e12 && budget <= 1e30) {
            throw CommandFailure("--budget must be a number of FLOPs between 1e12 and 1e30 (got \(budget))")
        }
        guard (10...100_000).contains(bootstrap) else { throw CommandFailure("--bootstrap must be 10…100000 resamples") }
        let page = try pageSetup()
        if let dpi = page.dotsPerInch {
            do { try PageSetup.checkPixels(page.size ?? .report, dotsPerInch: dpi) } catch let error as PageSetupError {
                throw CommandFailure(error.description)
            }
        }
        if let filter {
            do { _ = try RunFilter(filter) } catch { throw CommandFailure("--filter '\(filter)': \(error.description)") }
        }
    }

    func run() throws {
        let request = try ExportRequest.parse(panel: panel, formats: format)
        let page = try pageSetup()
        if let spec {
            try redraw(specFile: spec, formats: request.formats, page: page)
            return
        }
        guard let directory else { return }
        let source = try StudySource.parse(directory, experiments: server.experiments, where: server.terms)
        let (sinks, formats) = try ExportRequest.sinks(output: output, formats: request.formats,
                                                       stems: request.panels.map(\.exportName), watchedRoots: source.watchedRoots)
        let plan = try ExportPlan(formats)
        let store = try source.loadStore()
        guard !store.runs.isEmpty else {
            throw CommandFailure("no runs found \(source.location) (`scaletop runs \(source.displayName)` lists what was read and why)")
        }
        let view = try StudyExportView.make(store: store, title: source.displayName, theme: try loadTheme(),
                                            filter: filter, budget: budget, bootstrapSamples: bootstrap,
                                            withForecasts: request.panels.contains(.curves))
        let provenance = FigureProvenance(studyFolder: source.captionName, bootstrapSamples: bootstrap)
        let figures = DashboardFigures(view: view, provenance: provenance, page: page)
        let (ready, skipped) = PanelExport.prepare(request.panels, figures: figures, formats: plan.formats,
                                                   screenWidth: width, screenHeight: height)
        for reason in skipped { FileHandle.standardError.write(Data("scaletop: skipped: \(reason)\n".utf8)) }
        guard !ready.isEmpty else { throw CommandFailure(skipped.joined(separator: "; ")) }
        for export in ready {
            let sink = sinks[request.panels.firstIndex(of: export.panel) ?? 0]
            for path in try write({ try export.write(plan.formats, with: plan.exporter(sink)) }) { print(path) }
        }
        try plan.reportMissing()
    }

    /// `--spec FILE`: the saved figure in the figure and data formats (its cells were not saved),
    /// on the page the saved spec had unless --size and friends say otherwise.
    func redraw(specFile: String, formats requested: [ExportFormat]?, page: PageSetup) throws {
        if let screen = requested?.first(where: \.isScreen) {
            throw CommandFailure("--format \(screen.rawValue) is a picture of the dashboard's cells, which a spec does not keep; "
                + "use svg, pdf, png, csv, json or spec with --spec")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: specFile)) } catch {
            throw CommandFailure("cannot read the spec \(specFile): \(error.localizedDescription)")
        }
        var saved: FigureSpec
        do { saved = try FigureSpec.decode(data) } catch let error as FigureSpecError {
            throw CommandFailure("\(specFile): \(error.description)")
        } catch {
            throw CommandFailure("\(specFile) is not a scaletop figure spec (\(error)); write one with --format spec")
        }
        page.apply(to: &saved)
        var stem = URL(fileURLWithPath: specFile).lastPathComponent
        for ending in [".spec.json", ".json"] where stem.hasSuffix(ending) { stem = String(stem.dropLast(ending.count)); break }
        let (sinks, formats) = try ExportRequest.sinks(output: output, formats: requested, stems: [stem], watchedRoots: [])
        if let screen = formats.first(where: \.isScreen) {
            throw CommandFailure("-o \(output ?? "") asks for \(screen.rawValue), a picture of the dashboard's cells, which a spec does not keep")
        }
        let plan = try ExportPlan(formats)
        for path in try write({ try plan.exporter(sinks[0]).export(saved, formats: plan.formats, stem: stem) }) {
            print(path)
        }
        try plan.reportMissing()
    }

    /// --size, --dpi, --font-size, --no-title and --no-caption, checked.
    func pageSetup() throws -> PageSetup {
        var page = PageSetup(showsTitle: !noTitle, showsCaption: !noCaption)
        if let size {
            do { page.size = try PageSetup.parseSize(size) } catch let error as PageSetupError { throw CommandFailure(error.description) }
        }
        if let dpi {
            guard dpi.isFinite, (36...2400).contains(dpi) else { throw CommandFailure("--dpi must be between 36 and 2400 (got \(dpi))") }
            page.dotsPerInch = dpi
        }
        if let fontSize {
            guard fontSize.isFinite, (4...36).contains(fontSize) else {
                throw CommandFailure("--font-size must be between 4 and 36 points (got \(fontSize))")
            }
            page.fontSize = fontSize
        }
        return page
    }

    func loadTheme() throws -> Theme {
        do {
            let (found, problems) = try CommandSettings.themes.theme(theme)
            for problem in problems { CommandSettings.warn(problem.description) }
            return found
        } catch {
            throw CommandFailure("--theme: \(error.description)")
        }
    }

    /// Export errors (cairo, a full disk) worded as they are, with status 1.
    func write(_ body: () throws -> [String]) throws -> [String] {
        do { return try body() } catch let error as CommandFailure { throw error } catch {
            throw CommandFailure("\(error)")
        }
    }
}

/// The formats an export can write here: PDF and PNG only when cairo loads (the others are
/// written without it, and the run then ends with one line saying what to install), PDFs
/// dated by SOURCE_DATE_EPOCH when it is set.
struct ExportPlan {
    var formats: [ExportFormat]
    var missingCairo: CairoUnavailable?
    var sourceDateEpoch: Int?

    init(_ requested: [ExportFormat], cairo: Result<CairoLibrary, CairoUnavailable> = CairoLibrary.shared) throws {
        let (writable, _, reason) = FigureExporter.available(requested, cairo: cairo)
        guard !writable.isEmpty else { throw CommandFailure(reason?.description ?? "nothing to write") }
        formats = writable
        missingCairo = reason
        if writable.contains(.pdf) {
            do { sourceDateEpoch = try SourceDateEpoch.fromEnvironment() } catch let error as SourceDateEpochError {
                throw CommandFailure(error.description)
            }
        }
    }

    func exporter(_ sink: ExportSink) -> FigureExporter {
        FigureExporter(sink: sink, sourceDateEpoch: sourceDateEpoch)
    }

    /// Fails with the one line about cairo when PDF or PNG had to be left out.
    func reportMissing() throws {
        if let missingCairo { throw CommandFailure(missingCairo.description) }
    }
}
