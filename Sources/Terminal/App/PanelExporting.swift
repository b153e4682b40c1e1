import Charts

/// Writes dashboard panels to files for `s` and `S`. The terminal module knows no file
/// formats (cairo, SVG): the executable supplies this from the Export module.
public protocol PanelExporting {
    /// Called on the UI thread with the view on screen: takes what it needs from the view
    /// (chart values, cells; milliseconds) and returns the slow part, rendering and writing,
    /// to run on the export thread. Throws when none of `panels` can be exported.
    func prepare(_ panels: [DashboardPanel], view: DashboardView, width: Int, height: Int) throws -> PanelExportJob
}

/// The rendering and writing of one `s` or `S`, runnable on any thread.
public struct PanelExportJob: Sendable {
    /// The output folder, named on the status line.
    public var folder: String
    /// Panels left out and why (a fit not ready yet), shown after the paths.
    public var skipped: [String]
    /// Writes the files; returns their paths.
    public var write: @Sendable () throws -> [String]

    public init(folder: String, skipped: [String], write: @escaping @Sendable () throws -> [String]) {
        self.folder = folder
        self.skipped = skipped
        self.write = write
    }
}
