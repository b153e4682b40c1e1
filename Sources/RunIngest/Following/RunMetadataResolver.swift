/// Resolves each followed run's metadata from its layers: the `scaletop.json` sidecar over
/// the metadata the log carries over the format's metadata files over what the run's name
/// says. Reads the files when they change; their problems stand in the store while they last.
final class RunMetadataResolver {
    /// Where one run's metadata came from, as last read.
    private struct Sources {
        var sidecar: (path: String, identity: FileIdentity?)?
        var sidecarMetadata: RunMetadata?
        var formatFileIdentities: [String: FileIdentity] = [:]
        var formatMetadata: RunMetadata?
        /// Files whose problems this run's metadata put in the store, to clear them once
        /// the run reads them cleanly or stops using them.
        var filesWithProblems: Set<String> = []
    }

    private let root: String
    private let store: RunStore
    private var sources: [String: Sources] = [:]

    init(root: String, store: RunStore) {
        self.root = root
        self.store = store
    }

    /// Read the sidecar and the format's metadata files of a run afresh.
    func load(_ claim: RunClaim) {
        guard let firstFile = claim.files.first else { return }
        var run = sources[claim.id] ?? Sources()
        var problems: [ParseIssue] = []
        if let path = RunDiscovery.sidecar(for: firstFile, root: root) {
            run.sidecar = (path, FileIdentity.of(path))
            let display = LogFormat.relative(path, to: root)
            switch MetadataFiles.sidecar(at: path, display: display) {
            case .read(let metadata): run.sidecarMetadata = metadata
            // A sidecar being written parses badly for a moment: the values read before
            // stay, and the problem stands only until it reads.
            case .failed(let problem): problems.append(problem)
            }
        } else {
            run.sidecar = nil
            run.sidecarMetadata = nil
        }
        if let parser = claim.metadataParser {
            let files = MetadataFiles.contents(of: claim.metadataFiles, root: root)
            let reading = parser(files.bytes)
            run.formatFileIdentities = files.identities
            run.formatMetadata = reading.metadata
            problems += files.problems + reading.problems
        }
        run.filesWithProblems = show(problems, replacing: run.filesWithProblems)
        sources[claim.id] = run
    }

    /// Whether a run's sidecar or metadata files changed since `load` read them.
    func isOutOfDate(_ claim: RunClaim) -> Bool {
        guard let firstFile = claim.files.first else { return false }
        let run = sources[claim.id]
        let sidecar = RunDiscovery.sidecar(for: firstFile, root: root)
        let sidecarChanged = sidecar != run?.sidecar?.path
            || (sidecar.map(FileIdentity.of) ?? nil) != run?.sidecar?.identity
        let filesChanged = claim.metadataFiles.contains { FileIdentity.of($0) != run?.formatFileIdentities[$0] }
        return sidecarChanged || filesChanged
    }

    /// Put the run's resolved metadata, and the name it gives the run, in the store.
    func apply(_ claim: RunClaim, logMetadata: RunMetadata?) {
        let run = sources[claim.id]
        let metadata = Self.resolved(sidecar: run?.sidecarMetadata, log: logMetadata, format: run?.formatMetadata,
                                     runName: claim.name)
        // The name the writer gave the run, else its path.
        let name = metadata.runName ?? claim.name
        store.update(id: claim.id) { stored in
            guard stored.metadata != metadata || stored.name != name else { return false }
            stored.metadata = metadata
            stored.name = name
            return true
        }
    }

    /// The layers, highest first: sidecar, the log's own, the format's files, the run's name.
    static func resolved(sidecar: RunMetadata?, log: RunMetadata?, format: RunMetadata?, runName: String) -> RunMetadata {
        let fromName = RunNamePatterns.metadata(fromRunName: runName)
        let fromFormat = format?.filled(from: fromName) ?? fromName
        let base = log?.filled(from: fromFormat) ?? fromFormat
        return (sidecar ?? RunMetadata()).filled(from: base)
    }

    /// Show `problems` as the standing problems of their files, and clear those of the
    /// files in `before` that have none now. Returns the files that have problems.
    private func show(_ problems: [ParseIssue], replacing before: Set<String>) -> Set<String> {
        let byFile = Dictionary(grouping: problems, by: \.file)
        for file in before where byFile[file] == nil { store.setStanding([], file: file) }
        for (file, issues) in byFile { store.setStanding(issues, file: file) }
        return Set(byFile.keys)
    }
}
