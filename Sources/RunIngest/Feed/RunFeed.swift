/// Where a dashboard's runs come from while it runs: a folder of logs (`StudyFollower`) or
/// a tracking server (TrackingServer's `ServerFollower`). The dashboard's event loop owns
/// the feed and calls it on its own thread only: it sleeps in poll(2) until
/// `wakeDescriptor` is readable (then `handleWake()`) or `pollIntervalSeconds` pass (then
/// `poll()`), and redraws when `store.generation`, `followDescription` or `alert` changed.
public protocol RunFeed: AnyObject {
    /// Every run read so far and every problem met.
    var store: RunStore { get }
    /// A descriptor that becomes readable when the feed has something new; nil when it
    /// only polls.
    var wakeDescriptor: Int32? { get }
    /// How long the event loop may sleep before `poll()` must run again; nil: forever.
    var pollIntervalSeconds: Double? { get }
    /// Call when `wakeDescriptor` is readable. Returns true when the store changed.
    @discardableResult func handleWake() -> Bool
    /// Call every `pollIntervalSeconds`. Returns true when the store changed.
    @discardableResult func poll() -> Bool
    /// Folders the runs are read from, where nothing may be written (exports go elsewhere);
    /// none for a server.
    var watchedFolders: [String] { get }
    /// How the runs are followed, for the status line: "following (inotify)".
    var followDescription: String { get }
    /// A fault the person should see now, with what the feed does about it ("server
    /// unreachable since 12:03, retrying"); nil while all is well. Runs already read stay.
    var alert: String? { get }
    /// What each run was read as ("JSONL", "MLflow (server)"), by run id.
    func format(ofRun id: String) -> String?
    /// While runs found are still being read for the first time: how far it has got. The
    /// event loop then calls `continueLoading` between frames instead of sleeping.
    var loadingProgress: LoadingProgress? { get }
    /// Read more of the runs not read yet, for about `budgetSeconds`. Returns true when the
    /// store changed.
    @discardableResult func continueLoading(budgetSeconds: Double) -> Bool
}

extension RunFeed {
    /// Feeds that read everything before they are handed over never load in slices.
    public var loadingProgress: LoadingProgress? { nil }
    @discardableResult public func continueLoading(budgetSeconds: Double) -> Bool { false }
}
