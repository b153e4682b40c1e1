import Foundation

/// Where a dashboard figure's data came from, printed in its caption. No date or host:
/// the same study exported twice gives byte-identical files, so a figure can be checked
/// into a paper's repository and rebuilt in CI without spurious diffs.
public struct FigureProvenance: Sendable, Equatable {
    /// The study folder as the user named it (`sample-runs/olmo-ladder`), not resolved, so
    /// captions do not leak home folders.
    public var studyFolder: String
    /// Bootstrap resamples behind the bands and intervals.
    public var bootstrapSamples: Int

    public init(studyFolder: String, bootstrapSamples: Int) {
        self.studyFolder = studyFolder
        self.bootstrapSamples = bootstrapSamples
    }

    /// The study folder as typed, except that `.` or `..` (`cd runs && scaletop watch .`)
    /// become the folder's own name, which says something in a caption.
    public static func folderName(_ argument: String) -> String {
        var trimmed = argument
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let last = URL(fileURLWithPath: trimmed).lastPathComponent
        guard last == "." || last == ".." || trimmed == "." || trimmed == ".." else { return trimmed }
        return URL(fileURLWithPath: trimmed).standardizedFileURL.lastPathComponent
    }
}
