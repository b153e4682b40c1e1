/// Every run of a study and every problem met reading it. Owned by one thread (the
/// dashboard's event loop, or a command); `generation` tells a viewer whether to redraw.
public final class RunStore {
    public private(set) var runs: [Run] = []
    private var indexByID: [String: Int] = [:]
    /// Problems per file (relative path), each with its count and first location.
    public private(set) var issuesByFile: [String: FileIssues] = [:]
    /// Bumped on every change, so a viewer redraws only when something happened.
    public private(set) var generation = 0

    public init() {}

    public var totalPoints: Int { runs.reduce(0) { $0 + $1.points.count } }
    public var totalIssues: Int { issuesByFile.values.reduce(0) { $0 + $1.count } }

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
        runs.insert(run, at: position)
        for i in position..<runs.count { indexByID[runs[i].id] = i }
        generation += 1
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
        if body(&runs[i]) { generation += 1 }
    }

    package func record(_ issue: ParseIssue) {
        if issuesByFile[issue.file] == nil {
            issuesByFile[issue.file] = FileIssues(issue)
        } else {
            issuesByFile[issue.file]!.record(issue)
        }
        generation += 1
    }
}
