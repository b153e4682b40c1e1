import RunIngest

/// What the dashboard shows of a study at one moment: a value copied out of the
/// `RunStore`, so rendering never reaches into live ingestion state.
public struct StudyView: Sendable {
    public var title: String
    public var runs: [Run]
    public var issues: [FileIssues]
    public var followMode: String

    public init(title: String, runs: [Run], issues: [FileIssues], followMode: String) {
        self.title = title
        self.runs = runs
        self.issues = issues
        self.followMode = followMode
    }

    public init(store: RunStore, title: String, followMode: String) {
        self.init(title: title, runs: store.runs, issues: store.issues, followMode: followMode)
    }

    public var pointCount: Int { runs.reduce(0) { $0 + $1.points.count } }
    public var issueCount: Int { issues.reduce(0) { $0 + $1.count } }
}
