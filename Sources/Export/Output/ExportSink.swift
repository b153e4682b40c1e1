/// Where an export's files go: into a folder, named after the panel (`ExportDestination`), or
/// to the one file the user named (`ExportFile`).
public protocol ExportSink: Sendable {
    /// Writes `bytes` as the export's file `stem.fileExtension` and returns the path written.
    func write(_ bytes: [UInt8], stem: String, fileExtension: String) throws -> String
}
