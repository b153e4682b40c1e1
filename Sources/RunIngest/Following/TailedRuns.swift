/// The runs read from log files: each one's claim (what a format found), a `SourceTailer`
/// per file, and which run owns which file. Reading them is in `TailedRuns+Reading.swift`.
final class TailedRuns {
    struct TailedRun {
        var claim: RunClaim
        var tailers: [SourceTailer]
        /// The run read afresh after a file of it was truncated, replaced or re-created:
        /// it takes the stored run's place once it holds a point (until then the points
        /// read before stay on screen).
        var pending: Run?
    }

    /// What a scan's newer claim changed about a followed run.
    enum Change: Equatable {
        case none
        /// Only the files its metadata comes from (an `add_hparams` session folder beside a
        /// TensorBoard run): read the metadata again.
        case metadataFiles
        /// The files it is read from: the tailers are new, the run must be read afresh.
        case files
    }

    let root: String
    let store: RunStore
    var runs: [String: TailedRun] = [:]
    /// Absolute path → id of the run that reads it.
    private var runIDByFile: [String: String] = [:]

    init(root: String, store: RunStore) {
        self.root = root
        self.store = store
    }

    var ids: [String] { runs.keys.sorted() }

    func claim(of id: String) -> RunClaim? { runs[id]?.claim }

    func runID(owning path: String) -> String? { runIDByFile[path] }

    /// Start following a run: it is in the store, named by its claim, and not read yet.
    func follow(_ claim: RunClaim) {
        runs[claim.id] = TailedRun(claim: claim, tailers: tailers(for: claim))
        for file in claim.files { runIDByFile[file] = claim.id }
        store.insert(Run(id: claim.id, name: claim.name))
    }

    /// Bring a followed run up to date with what a scan found now.
    func update(to claim: RunClaim) -> Change {
        guard var existing = runs[claim.id] else { return .none }
        // A folder run may gain files (a new TensorBoard event file after a restart, a
        // resumed Lightning run's next version folder, a rotated log's copy) or lose some
        // (renamed to a name the format no longer picks).
        let newFiles = claim.files.filter { !existing.claim.files.contains($0) }
        let dropped = existing.claim.files.filter { !claim.files.contains($0) }
        guard !newFiles.isEmpty || !dropped.isEmpty else {
            guard claim.metadataFiles != existing.claim.metadataFiles else { return .none }
            existing.claim.metadataFiles = claim.metadataFiles
            existing.claim.metadataParser = claim.metadataParser
            runs[claim.id] = existing
            return .metadataFiles
        }
        // A file the run is read from vanished and the format now picks another (an
        // MLflow run's val/loss once train/loss is gone): keep the run as it was; its
        // tailer reports the deletion, keeps the points, and reads the file again if it
        // comes back. Likewise a run whose file was deleted keeps its points until the
        // file comes back.
        if dropped.contains(where: { FileIdentity.of($0) == nil }) { return .none }
        for tailer in existing.tailers { store.setStanding([], file: tailer.displayPath) }
        existing.claim = claim
        existing.tailers = tailers(for: claim)
        runs[claim.id] = existing
        for file in dropped where runIDByFile[file] == claim.id { runIDByFile[file] = nil }
        for file in newFiles { runIDByFile[file] = claim.id }
        return .files
    }

    /// The runs no longer claimed whose files other runs now read: they were merged into
    /// those (a Lightning version found to resume an earlier one), so they go from the
    /// store; their points live on in the other run.
    func removeMerged(keeping claimedIDs: Set<String>) {
        for (id, run) in runs where !claimedIDs.contains(id)
            && run.claim.files.allSatisfy({ runIDByFile[$0] != nil && runIDByFile[$0] != id }) {
            runs[id] = nil
            store.remove(id: id)
        }
    }

    /// Stop following a run whose files turned out to be another run's metadata (an
    /// `add_hparams` session folder seen before its run's own events): it leaves the store.
    func release(_ id: String) {
        guard let run = runs.removeValue(forKey: id) else { return }
        for file in run.claim.files where runIDByFile[file] == id { runIDByFile[file] = nil }
        for tailer in run.tailers { store.setStanding([], file: tailer.displayPath) }
        store.remove(id: id)
    }

    /// The runs with a file not among `present` (vanished since the last look).
    func ids(missingFilesAmong present: Set<String>) -> [String] {
        runs.filter { $0.value.claim.files.contains { !present.contains($0) } }.map(\.key)
    }

    /// Metadata the logs themselves carry (TensorBoard hparams, a W&B config record), later
    /// files over earlier ones, each named by its file when it does not say.
    func logMetadata(of id: String) -> RunMetadata? {
        runs[id]?.tailers.reduce(RunMetadata?.none) { lower, tailer in
            guard var own = tailer.logMetadata else { return lower }
            own.source = own.source ?? tailer.displayPath
            return own.filled(from: lower)
        }
    }

    private func tailers(for claim: RunClaim) -> [SourceTailer] {
        claim.files.map { SourceTailer(path: $0, displayPath: LogFormat.relative($0, to: root), reading: claim.reading) }
    }
}
