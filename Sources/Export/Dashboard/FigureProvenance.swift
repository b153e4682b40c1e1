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
}
