import Foundation
import Glibc
import RunIngest

/// A study on an MLflow tracking server as the dashboard's feed. A task reads the server in
/// the background (a quick refresh every `pollInterval`, a full one every minute or so, see
/// `ServerSync`) and hands each run's changes to the dashboard's thread through a pipe, so
/// the event loop sleeps until there is news and the store keeps one owner. When the server
/// fails the task backs off (`BackOff`), the runs read so far stay, and `alert` says since
/// when it has failed; a full refresh follows each recovery.
public final class ServerFollower: RunFeed {
    public let store = RunStore()
    public let source: TrackingSource
    public let pollInterval: Double
    private let mailbox: SyncMailbox
    private var health = FeedHealth()
    private var task: Task<Void, Never>?

    /// Start reading. `fullRefreshSeconds`: how often every run is listed (default: every
    /// minute, or every ten polls when that is longer).
    public init(source: TrackingSource, pollInterval: Double, fullRefreshSeconds: Double? = nil) throws {
        self.source = source
        self.pollInterval = pollInterval
        mailbox = try SyncMailbox()
        let transport = try NIOHTTPTransport(uri: source.uri, credentials: source.credentials, environment: source.environment)
        let loop = SyncLoop(source: source, transport: transport, pollInterval: pollInterval,
                            fullRefreshSeconds: fullRefreshSeconds ?? max(60, 10 * pollInterval), mailbox: mailbox)
        let executor = ThreadTaskExecutor(name: "scaletop-mlflow")
        task = Task.detached(executorPreference: executor) {
            await loop.run()
            executor.stop()
        }
    }

    deinit {
        task?.cancel()
    }

    /// Stop reading the server (the task ends at its next await).
    public func stop() {
        task?.cancel()
    }

    public var wakeDescriptor: Int32? { mailbox.readDescriptor }
    /// The task polls the server on its own clock and wakes the loop through the pipe.
    public var pollIntervalSeconds: Double? { nil }

    @discardableResult
    public func handleWake() -> Bool {
        let before = store.generation
        let (changes, health) = mailbox.take()
        store.apply(changes)
        self.health = health
        return store.generation != before
    }

    @discardableResult
    public func poll() -> Bool { handleWake() }

    public var watchedFolders: [String] { [] }

    public var followDescription: String {
        health.description(server: source.uri.display, pollInterval: pollInterval)
    }

    public var alert: String? { health.alert(utcOffsetSeconds: FeedHealth.localUTCOffset) }

    public func format(ofRun id: String) -> String? {
        store.run(id: id) == nil ? nil : "MLflow (server)"
    }
}

/// The follower's background task: refresh, wait, and back off while the server fails.
struct SyncLoop: Sendable {
    var source: TrackingSource
    var transport: NIOHTTPTransport
    var pollInterval: Double
    /// Every run is listed at least this often (new ended runs, deletions, late edits).
    var fullRefreshSeconds: Double
    var mailbox: SyncMailbox

    func run() async {
        let sync = ServerSync(api: MLflowAPI(transport: transport), source: source)
        var failures = 0
        var failingSince: Double?
        var lastFull = -Double.infinity
        var generator = SystemRandomNumberGenerator()
        while !Task.isCancelled {
            let start = Date().timeIntervalSince1970
            let full = failures > 0 || start - lastFull >= fullRefreshSeconds
            let mailbox = self.mailbox
            do {
                try await sync.refresh(full: full, progress: { done, total in mailbox.set(.reading(done: done, total: total)) },
                                       emit: { mailbox.post($0) })
                if full { lastFull = start }
                failures = 0
                failingSince = nil
                mailbox.set(.following, succeededAt: Date().timeIntervalSince1970)
                await EventLoopSleep.sleep(seconds: pollInterval)
            } catch {
                if Task.isCancelled { break }
                failures += 1
                let now = Date().timeIntervalSince1970
                let since = failingSince ?? now
                failingSince = since
                let delay = BackOff.delay(afterFailures: failures, pollInterval: pollInterval,
                                          jitter: Double.random(in: 0..<1, using: &generator))
                mailbox.set(.failing(fault: ServerLoad.fault(error), since: since, failures: failures, retryAt: now + delay))
                await EventLoopSleep.sleep(seconds: delay)
            }
        }
        await transport.shutdown()
    }
}
