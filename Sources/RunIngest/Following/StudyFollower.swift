import Foundation
import Glibc

/// Discovers the runs under a folder and follows them as training code writes to them.
///
/// With inotify the kernel wakes us on every write, so an appended line reaches the store
/// at once and an idle study costs nothing. inotify is blind to writes made by other
/// machines on NFS or Lustre, so `.polling` stats every file on a timer instead.
///
/// The follower only decides what to look at when; the looking is done by its parts: the
/// tree is walked by `RunDiscovery`, log files are read by `TailedRuns`, MLflow databases by
/// `MLflowDatabases`, and metadata by `RunMetadataResolver`.
public final class StudyFollower {
    public enum Mode: Sendable, Equatable {
        case inotify
        case polling(intervalSeconds: Double)
    }

    /// When the runs found are read: all before `init` returns (headless commands, tests),
    /// or a slice at a time by `continueLoading` (the dashboard: its first frame comes at
    /// once and fills in as runs load, however large the study).
    public enum Loading: Sendable, Equatable {
        case eager
        case progressive
    }

    public let root: String
    public let store = RunStore()
    public private(set) var mode: Mode
    let formats: [LogFormat]
    let clock: FollowerClock
    let watcher: InotifyWatcher?
    let tailed: TailedRuns
    let databases: MLflowDatabases
    let metadata: RunMetadataResolver
    var rescans = RescanSchedule()
    /// Sizes of written files no run owns, when last looked at for a new run.
    var unclaimedSizes: [String: Int] = [:]
    /// Full rescans made because the kernel's event queue overflowed (events were lost):
    /// every file was looked at again, so nothing written meanwhile is missed.
    public internal(set) var overflowRescans = 0
    /// Folders inotify could not watch (the per-user watch limit): polled instead.
    public internal(set) var unwatchedFolders = 0
    let loading: Loading
    /// Runs found and in the store but not read yet (progressive loading), oldest first.
    var unread = UnreadRuns()
    /// The tree has not been walked yet (progressive loading, before the first slice).
    var awaitingFirstScan = false

    /// Follow `root`. Falls back to polling when inotify cannot be set up (and says so
    /// through `mode`). `clock` is the wall clock but in tests.
    public init(root: String, mode: Mode = .inotify, formats: [LogFormat] = LogFormat.all(), clock: FollowerClock = .wall,
                loading: Loading = .eager) {
        var trimmed = root
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        self.formats = formats
        self.clock = clock
        self.mode = mode
        self.loading = loading
        tailed = TailedRuns(root: trimmed, store: store)
        databases = MLflowDatabases(root: trimmed, store: store)
        metadata = RunMetadataResolver(root: trimmed, store: store)
        watcher = mode == .inotify ? InotifyWatcher() : nil
        if mode == .inotify, watcher == nil { self.mode = .polling(intervalSeconds: 1) }
        // Loading progressively, even the walk of the tree waits for `continueLoading`: at
        // 10,000 run folders it takes most of a second, and the first frame comes first.
        if loading == .eager { rescan() } else { awaitingFirstScan = true }
    }

    /// One-shot load of every run under `root`, for headless commands.
    public static func load(root: String, formats: [LogFormat] = LogFormat.all()) throws -> RunStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(description: "\(root): no such folder")
        }
        return StudyFollower(root: root, mode: .polling(intervalSeconds: 0), formats: formats).store
    }

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The format each run was read as, by run id.
    public func format(ofRun id: String) -> String? {
        databases.holds(run: id) ? "MLflow (SQLite)" : tailed.claim(of: id)?.format
    }

    /// The files a run is read from (absolute paths): its logs, or its MLflow database.
    public func files(ofRun id: String) -> [String] {
        tailed.claim(of: id)?.files ?? databases.files(ofRun: id)
    }

    /// A descriptor that becomes readable when something under the root changed; nil when
    /// polling.
    public var wakeDescriptor: Int32? { watcher?.descriptor }

    /// How long the event loop may sleep before `poll()` must run again; nil: forever.
    public var pollIntervalSeconds: Double? {
        if case .polling(let s) = mode { return s }
        // Folders the kernel does not watch are caught up by polling.
        return unwatchedFolders > 0 ? Self.unwatchedPollSeconds : nil
    }

    /// How often runs are polled while some folders cannot be watched.
    static let unwatchedPollSeconds = 2.0

    /// Look at every file now (the polling mode's tick; also a safe catch-up).
    @discardableResult
    public func poll() -> Bool {
        let before = store.generation
        switch mode {
        case .polling:
            // Nothing tells a poller that a run appeared (on NFS or Lustre nothing can): the
            // event loop calls this once per interval, and each tick looks for new files.
            rescan()
        case .inotify:
            // The kernel reports new files; this is only a catch-up for anything missed (and
            // the way folders past the watch limit are followed).
            if rescans.isDue(every: RescanSchedule.catchUp, at: clock.now) { rescan() }
        }
        readEverything()
        return store.generation != before
    }

    /// Every run's files, every database and every run's metadata, looked at again.
    func readEverything() {
        for id in tailed.ids { read(id) }
        unread.removeAll()
        databases.readAll()
        refreshMetadata()
    }
}
