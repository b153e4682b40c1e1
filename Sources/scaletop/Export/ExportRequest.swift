import Foundation
import Charts
import Export

/// The parts of `scaletop export`'s command line that name what to write and where, checked
/// once so every bad value is refused with the accepted ones before anything is read.
struct ExportRequest {
    var panels: [DashboardPanel]
    /// `--format` as given; nil when left out (then `-o`'s ending, or svg, decides).
    var formats: [ExportFormat]?

    /// `panel`: curves, isoflop, frontier, whatif or all; `formats`: a comma-separated list.
    static func parse(panel: String, formats: String?) throws -> ExportRequest {
        let panels: [DashboardPanel]
        if panel.lowercased() == "all" {
            panels = DashboardPanel.charts
        } else if let one = DashboardPanel(exportName: panel), DashboardPanel.charts.contains(one) {
            panels = [one]
        } else {
            throw CommandFailure("--panel '\(panel)' is not a chart panel; use one of "
                + (DashboardPanel.charts.map(\.exportName) + ["all"]).joined(separator: ", "))
        }
        guard let formats else { return ExportRequest(panels: panels, formats: nil) }
        var chosen: [ExportFormat] = []
        for name in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let format = ExportFormat(rawValue: name) else {
                throw CommandFailure("--format '\(name)' is not a format scaletop writes; use any of "
                    + ExportFormat.allCases.map(\.rawValue).joined(separator: ", ") + " (comma-separated)")
            }
            if !chosen.contains(format) { chosen.append(format) }
        }
        guard !chosen.isEmpty else { throw CommandFailure("--format is empty; give one or more of svg, pdf, png, csv, json, spec, txt, ansi, html, screen-svg") }
        return ExportRequest(panels: panels, formats: chosen)
    }

    /// Where each panel's files go, per `-o` (see `ExportOutput`), with the formats to write.
    static func sinks(output: String?, formats: [ExportFormat]?, stems: [String],
                      watchedRoots: [String]) throws -> (sinks: [ExportSink], formats: [ExportFormat]) {
        do {
            let (chosen, formats) = try ExportOutput.interpret(output, formats: formats, panels: stems.count) { path in
                var folder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
            }
            switch chosen {
            case .folder(let folder):
                let destination = try ExportDestination(folder: folder, watchedRoots: watchedRoots)
                return (stems.map { _ in destination }, formats)
            case .file(let path):
                return (try stems.map { try ExportFile(path: path, stem: $0, watchedRoots: watchedRoots) }, formats)
            }
        } catch let error as ExportOutputError {
            throw CommandFailure(error.description)
        } catch let error as ExportDestinationError {
            throw CommandFailure(error.description)
        }
    }
}
