import Charts
import Export
import Foundation
import Terminal

/// `s` and `S` in `watch` and `demo`: the panels in SVG, PDF, PNG, CSV, spec and text, in
/// the dashboard's current theme (press `t` for light before `s` for a paper), into the
/// export folder chosen at start-up. Without cairo the PDF and PNG are left out and the
/// status line says so after the files written.
struct DashboardFileExporter: PanelExporting {
    static let formats: [ExportFormat] = [.svg, .pdf, .png, .csv, .spec, .txt]

    var folder: String
    /// The folders the runs are read from (none for a tracking server).
    var watchedRoots: [String]
    var provenance: FigureProvenance
    /// cairo as loaded at start-up (`SCALETOP_CAIRO_LIBRARY` names another), or why it is not.
    var cairo: Result<CairoLibrary, CairoUnavailable> = CairoLibrary.shared
    /// SOURCE_DATE_EPOCH, for reproducible PDFs (a malformed value is refused at start-up).
    var sourceDateEpoch: Int?

    func prepare(_ panels: [DashboardPanel], view: DashboardView, width: Int, height: Int) throws -> PanelExportJob {
        // Checked again at each export: the folder may have been removed or replaced by a link.
        let destination = try ExportDestination(folder: folder, watchedRoots: watchedRoots)
        let figures = DashboardFigures(view: view, provenance: provenance)
        let (formats, _, missingCairo) = FigureExporter.available(DashboardFileExporter.formats, cairo: cairo)
        let (ready, skipped) = PanelExport.prepare(panels, figures: figures, formats: formats,
                                                   screenWidth: width, screenHeight: height)
        guard !ready.isEmpty else { throw CommandFailure(skipped.joined(separator: "; ")) }
        let exporter = FigureExporter(sink: destination, cairo: cairo, sourceDateEpoch: sourceDateEpoch)
        return PanelExportJob(folder: destination.folder, skipped: skipped + (missingCairo.map { [$0.description] } ?? [])) {
            try ready.flatMap { try $0.write(formats, with: exporter) }
        }
    }

    /// The folder `s` writes to: `--export-dir`, else the working directory. A folder given
    /// explicitly inside the watched one is refused at start-up; the working directory
    /// inside it (`cd runs && scaletop watch .`, a common habit) falls back to
    /// ~/scaletop-exports, which the status line names at each export.
    static func folder(requested: String?, watchedRoots: [String]) throws -> String {
        do {
            return try ExportDestination(folder: requested, watchedRoots: watchedRoots).folder
        } catch let error as ExportDestinationError {
            guard requested == nil, case .insideWatchedFolder = error else {
                throw CommandFailure("--export-dir: \(error.description)")
            }
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory()
            let fallback = URL(fileURLWithPath: home).appendingPathComponent("scaletop-exports").path
            do {
                return try ExportDestination(folder: fallback, watchedRoots: watchedRoots).folder
            } catch {
                throw CommandFailure("the current folder is inside the watched folder \(watchedRoots.joined(separator: ", ")), and so is \(fallback); "
                    + "choose where s writes with --export-dir DIR")
            }
        }
    }
}
