/// Every run of a study and every problem met reading it. Owned by one thread (the
/// dashboard's event loop, or a command); `generation` tells a viewer whether to redraw.
public final class RunStore {
    public private(set) var runs: [Run] = []
    private var indexByID: [String: Int] = [:]
    /// Problems per file (relative path), each with its count and first location: the
    /// counted ones (a bad line stays bad) and the standing ones.
    public var issuesByFile: [String: FileIssues] {
        guard !standingByFile.isEmpty else { return countedByFile }
        var all = countedByFile
        for (file, standing) in standingByFile {
            for issue in standing {
                if all[file] == nil { all[file] = FileIssues(issue) } else { all[file]!.record(issue) }
            }
        }
        return all
    }
    /// Problems met once, in a line or record: they stay counted.
    private var countedByFile: [String: FileIssues] = [:]
    /// Problems with a file as it is now (missing, unreadable, a database being created, a
    /// whole-file parse): replaced at each look, gone when the file reads cleanly.
    private var standingByFile: [String: [ParseIssue]] = [:]
    /// Bumped on every change, so a viewer redraws only when something happened.
    public private(set) var generation = 0

    public init() {}

    public var totalPoints: Int { runs.reduce(0) { $0 + $1.points.count } }
    public var totalIssues: Int {
        countedByFile.values.reduce(0) { $0 + $1.count } + standingByFile.values.reduce(0) { $0 + $1.count }
    }

    /// Problems, most recent file first within equal counts: what the status line names.
    public var issues: [FileIssues] {
        issuesByFile.values.sorted { $0.first.file < $1.first.file }
    }

    public func run(id: String) -> Run? {
        indexByID[id].map { runs[$0] }
    }

    /// Add a run, or return the index of the one with this id.
    @discardableResult
    package func insert(_ run: Run) -> Int {
        if let i = indexByID[run.id] { return i }
        // Kept sorted by id; only the indices after the new run shift.
        let position = runs.partitionIndex { $0.id >= run.id }
        generation += 1
        var inserted = run
        inserted.revision = generation
        runs.insert(inserted, at: position)
        for i in position..<runs.count { indexByID[runs[i].id] = i }
        return position
    }

    /// Forget a run (it became part of another one).
    package func remove(id: String) {
        guard let i = indexByID.removeValue(forKey: id) else { return }
        runs.remove(at: i)
        for j in i..<runs.count { indexByID[runs[j].id] = j }
        generation += 1
    }

    package func update(id: String, _ body: (inout Run) -> Bool) {
        guard let i = indexByID[id] else { return }
        if body(&runs[i]) {
            generation += 1
            runs[i].revision = generation
        }
    }

    package func record(_ issue: ParseIssue) {
        if countedByFile[issue.file] == nil {
            countedByFile[issue.file] = FileIssues(issue)
        } else {
            countedByFile[issue.file]!.record(issue)
        }
        generation += 1
    }

    /// The problems `file` has now, replacing those it had; none clears them.
    package func setStanding(_ issues: [ParseIssue], file: String) {
        guard (standingByFile[file] ?? []) != issues else { return }
        standingByFile[file] = issues.isEmpty ? nil : issues
        generation += 1
    }
}
