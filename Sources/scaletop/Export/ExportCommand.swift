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
        Figures are drawn again from the runs and fits, not from the terminal's cells, with axis labels, a legend, \
        the fit's annotation and a caption naming the study. Files are named after the panel (frontier.svg); an \
        existing file is never overwritten (frontier-1.svg). The output folder may not be inside PATH: scaletop only \
        reads there.
        """
    )

    @Argument(help: "The study folder, or an MLflow tracking server (as for `scaletop watch`).")
    var directory: String?

    @OptionGroup var server: ServerOptions

    @Option(help: "curves, isoflop, frontier, whatif or all.")
    var panel: String = "all"

    @Option(help: "Comma-separated: svg, pdf, png, csv, json, spec, txt, ansi, html, screen-svg.")
    var format: String = "svg"

    @Option(name: .shortAndLong, help: "The folder to write to (default: the current folder); created if missing.")
    var output: String?

    @Option(help: "Theme for colours: a name from themes/ or a .theme file; light suits papers.")
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
        if let filter {
            do { _ = try RunFilter(filter) } catch { throw CommandFailure("--filter '\(filter)': \(error.description)") }
        }
    }

    func run() throws {
        let request = try ExportRequest.parse(panel: panel, formats: format)
        if let spec {
            try redraw(specFile: spec, formats: request.formats)
            return
        }
        guard let directory else { return }
        let source = try StudySource.parse(directory, experiments: server.experiments, where: server.terms)
        let destination = try destination(watchedRoots: source.watchedRoots)
        let store = try source.loadStore()
        guard !store.runs.isEmpty else {
            throw CommandFailure("no runs found \(source.location) (`scaletop runs \(source.displayName)` lists what was read and why)")
        }
        let view = try StudyExportView.make(store: store, title: source.displayName, theme: try loadTheme(),
                                            filter: filter, budget: budget, bootstrapSamples: bootstrap,
                                            withForecasts: request.panels.contains(.curves))
        let figures = DashboardFigures(view: view, provenance: FigureProvenance(studyFolder: source.captionName, bootstrapSamples: bootstrap))
        let (ready, skipped) = PanelExport.prepare(request.panels, figures: figures, formats: request.formats,
                                                   screenWidth: width, screenHeight: height)
        for reason in skipped { FileHandle.standardError.write(Data("scaletop: skipped: \(reason)\n".utf8)) }
        guard !ready.isEmpty else { throw CommandFailure(skipped.joined(separator: "; ")) }
        for export in ready {
            for path in try write({ try export.write(request.formats, to: destination) }) { print(path) }
        }
    }

    /// `--spec FILE`: the saved figure in the figure and data formats (its cells were not saved).
    func redraw(specFile: String, formats: [ExportFormat]) throws {
        if let screen = formats.first(where: \.isScreen) {
            throw CommandFailure("--format \(screen.rawValue) is a picture of the dashboard's cells, which a spec does not keep; "
                + "use svg, pdf, png, csv, json or spec with --spec")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: specFile)) } catch {
            throw CommandFailure("cannot read the spec \(specFile): \(error.localizedDescription)")
        }
        let saved: FigureSpec
        do { saved = try FigureSpec.decode(data) } catch let error as FigureSpecError {
            throw CommandFailure("\(specFile): \(error.description)")
        } catch {
            throw CommandFailure("\(specFile) is not a scaletop figure spec (\(error)); write one with --format spec")
        }
        var stem = URL(fileURLWithPath: specFile).lastPathComponent
        for ending in [".spec.json", ".json"] where stem.hasSuffix(ending) { stem = String(stem.dropLast(ending.count)); break }
        let destination = try destination(watchedRoots: [])
        for path in try write({ try FigureExporter(destination: destination).export(saved, formats: formats, stem: stem) }) {
            print(path)
        }
    }

    func loadTheme() throws -> Theme {
        do { return try ThemeLoader.load(theme) } catch let error as ValidationError { throw CommandFailure("--theme: \(error.message)") }
    }

    func destination(watchedRoots: [String]) throws -> ExportDestination {
        do { return try ExportDestination(folder: output, watchedRoots: watchedRoots) } catch let error as ExportDestinationError {
            throw CommandFailure(error.description)
        }
    }

    /// Export errors (cairo, a full disk) worded as they are, with status 1.
    func write(_ body: () throws -> [String]) throws -> [String] {
        do { return try body() } catch let error as CommandFailure { throw error } catch {
            throw CommandFailure("\(error)")
        }
    }
}
