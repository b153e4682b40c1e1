import Charts
import RunIngest

/// Something that happened to the dashboard, as the model sees it: all its input, so its
/// behaviour is a function of these and time (`DashboardModel.handle`).
public enum DashboardEvent: Sendable {
    case key(Key)
    /// The mouse, with what is under it (`DashboardView.target`).
    case pointer(DashboardTarget, MouseEvent.Kind)
    /// The terminal's size in cells.
    case resized(width: Int, height: Int)
    /// The runs as they are now (after the feed read files or a server).
    case studyChanged(StudySnapshot)
    case fitsFinished(FitResult)
    /// How far the running fit has got ("bootstrap 120/200").
    case fitProgress(String)
    /// `s` or `S` was prepared and is being written to `folder`, or could not be.
    case exportStarted(folder: String, panels: [String])
    case exportRefused(String)
    /// The export thread finished: where the files went, or why it failed.
    case exportFinished(StatusNotice)
    /// Time passed (a deadline the model asked for came).
    case tick
}

/// The runs and problems at one moment: values (arrays of structs share their storage, so
/// this costs no copy of the points).
public struct StudySnapshot: Sendable {
    public var runs: [Run]
    public var issues: [FileIssues]
    /// The store's generation: tells whether anything changed since the last snapshot.
    public var generation: Int
    /// How the runs are followed ("following (inotify)", a server's state).
    public var followLabel: String
    /// A fault of the feed the person should see now ("server unreachable since 12:03").
    public var feedAlert: String?
    /// Runs found but still being read for the first time (a large study filling in).
    public var loading: LoadingProgress?

    public init(runs: [Run], issues: [FileIssues], generation: Int, followLabel: String, feedAlert: String? = nil,
                loading: LoadingProgress? = nil) {
        self.runs = runs
        self.issues = issues
        self.generation = generation
        self.followLabel = followLabel
        self.feedAlert = feedAlert
        self.loading = loading
    }
}

/// Both clocks at one moment: the monotonic one for intervals (debounce, frame pacing), the
/// wall clock for comparing with files' modification times (staleness, ingest lag).
public struct DashboardTime: Sendable, Equatable {
    public var monotonic: Double
    public var wall: Double

    public init(monotonic: Double, wall: Double) {
        self.monotonic = monotonic
        self.wall = wall
    }
}

/// What the model asks the loop to do.
public enum DashboardEffect: Sendable {
    /// Fit the study and forecast its runs on the fit thread.
    case requestFits(FitRequest)
    /// Write these panels to files (`s`, `S`).
    case export([DashboardPanel])
    /// Draw a frame now; `repaint` sends every cell again.
    case draw(repaint: Bool)
    case quit
}
