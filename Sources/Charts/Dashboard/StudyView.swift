import RunIngest
import StudyAnalysis

/// What the dashboard shows of a study at one moment: values copied out of the `RunStore`
/// and the fit thread, so rendering never reaches into live ingestion state.
public struct StudyView: Sendable {
    public var title: String
    public var runs: [Run]
    /// One per run, same order as `runs`.
    public var summaries: [RunSummary]
    public var issues: [FileIssues]
    public var followMode: String
    public var fits: StudyFits
    /// "fitting…", "fits 3 s ago", or why fitting is off.
    public var fitStatus: String
    /// Seconds from a file's change to its points reaching the store, last measured.
    public var ingestLagSeconds: Double?
    /// Forecasts of the running runs' final loss, by run id.
    public var forecasts: [String: RunForecast]
    /// A fault of the feed itself ("server unreachable since 12:03, retrying"), shown before
    /// anything else on the status line.
    public var feedAlert: String?
    /// While the runs found are read for the first time: how many so far.
    public var loading: LoadingProgress?
    /// The runs passing the filter in the table's order, when the dashboard has them from
    /// an earlier frame (worked out again only when the runs or the order change: at
    /// 10,000 runs filtering and sorting were a third of a frame).
    public var visibleRows: VisibleRuns?
    /// Points in all runs. Stored, not summed when read: the status line reads it at every
    /// frame, and summing 10,000 runs' counts was 4% of an appended line's CPU (perf, issue 16).
    public var pointCount: Int

    public init(title: String, runs: [Run], summaries: [RunSummary]? = nil, issues: [FileIssues], followMode: String,
                fits: StudyFits = .empty, fitStatus: String = "", ingestLagSeconds: Double? = nil,
                forecasts: [String: RunForecast] = [:], feedAlert: String? = nil, loading: LoadingProgress? = nil,
                pointCount: Int? = nil) {
        self.title = title
        self.runs = runs
        self.summaries = summaries ?? runs.map { RunSummary(run: $0, now: 0, includeCurve: false) }
        self.issues = issues
        self.followMode = followMode
        self.fits = fits
        self.fitStatus = fitStatus
        self.ingestLagSeconds = ingestLagSeconds
        self.forecasts = forecasts
        self.feedAlert = feedAlert
        self.loading = loading
        self.pointCount = pointCount ?? runs.reduce(0) { $0 + $1.points.count }
    }

    public init(store: RunStore, title: String, followMode: String) {
        self.init(title: title, runs: store.runs, issues: store.issues, followMode: followMode)
    }

    public var issueCount: Int { issues.reduce(0) { $0 + $1.count } }
}
