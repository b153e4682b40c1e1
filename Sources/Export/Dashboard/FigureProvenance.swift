import Foundation

/// Where a dashboard figure's data came from, printed in its caption. No date or host:
/// the same study exported twice gives byte-identical files, so a figure can be checked
/// into a paper's repository and rebuilt in CI without spurious diffs.
public struct FigureProvenance: Sendable, Equatable {
    /// The study's name (`olmo-ladder`), not the path it was reached by.
    public var studyFolder: String
    /// Bootstrap resamples behind the bands and intervals.
    public var bootstrapSamples: Int

    public init(studyFolder: String, bootstrapSamples: Int) {
        self.studyFolder = studyFolder
        self.bootstrapSamples = bootstrapSamples
    }

    /// The study folder's own name, however it was typed (`sample-runs/olmo-ladder/`,
    /// `/home/me/runs/olmo-ladder`, `.` inside it): a caption names the study, and neither
    /// leaks a home folder nor changes with the folder a figure was made from.
    public static func folderName(_ argument: String) -> String {
        let absolute = argument.hasPrefix("/") ? argument : FileManager.default.currentDirectoryPath + "/" + argument
        let name = URL(fileURLWithPath: absolute).standardizedFileURL.lastPathComponent
        return name.isEmpty ? "/" : name
    }
}
