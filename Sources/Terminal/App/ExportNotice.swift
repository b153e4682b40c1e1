import Charts
import Foundation

/// The status line's words for a finished export.
enum ExportNotice {
    /// "wrote 6 files to /path (frontier.svg frontier.pdf …)", or why it failed. What was
    /// skipped (a panel without a fit, PDF and PNG without cairo) comes before the file names,
    /// which the status line cuts first: `S` writes two dozen.
    static func finished(_ job: PanelExportJob, _ result: Result<[String], any Error>) -> StatusNotice {
        switch result {
        case .success(let paths):
            let names = paths.map { URL(fileURLWithPath: $0).lastPathComponent }
            var text = "wrote \(paths.count) file\(paths.count == 1 ? "" : "s") to \(job.folder)"
            if !job.skipped.isEmpty { text += "; skipped: " + job.skipped.joined(separator: "; ") + ";" }
            return StatusNotice(text + " (\(names.joined(separator: " ")))")
        case .failure(let error):
            return StatusNotice("export failed: \(error)", isError: true)
        }
    }
}
