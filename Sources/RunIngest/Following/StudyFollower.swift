import Foundation
import Glibc

/// Discovers the runs under a folder and follows them as training code writes to them.
///
/// With inotify the kernel wakes us on every write, so an appended line reaches the store
/// at once and an idle study costs nothing. inotify is blind to writes made by other
/// machines on NFS or Lustre, so `.polling` stats every file on a timer instead.
public final class StudyFollower {
    public enum Mode: Sendable, Equatable {
        case inotify
        case polling(intervalSeconds: Double)
    }

    public let root: String
    public let store = RunStore()
    public private(set) var mode: Mode
    private let formats: [LogFormat]
    private var followed: [String: FollowedRun] = [:]     // by run id
    private var runIDByFile: [String: String] = [:]       // absolute path → run id
    private var watcher: InotifyWatcher?
    private var lastRescan = 0.0
    /// MLflow tracking databases (`mlflow.db`), opened read-only; each holds many runs.
    private var databases: [String: MLflowSQLiteStore] = [:]
    /// Databases that could not be opened, with the file as it was then (retried on change).
    private var unreadableDatabases: [String: FileIdentity?] = [:]
    private var databaseRunIDs = Set<String>()
    /// Each open database's file, to notice it being replaced by another.
    private var databaseIdentities: [String: FileIdentity] = [:]
    /// Sizes of written files no run owns, when last looked at for a new run.
    private var unclaimedSizes: [String: Int] = [:]
    /// Full rescans made because the kernel's event queue overflowed (events were lost):
    /// every file was looked at again, so nothing written meanwhile is missed.
    public private(set) var overflowRescans = 0
    /// Folders inotify could not watch (the per-user watch limit): polled instead.
    public private(set) var unwatchedFolders = 0

    /// A run being followed: its claim, a tailer per file, and where its metadata came from.
    private struct FollowedRun {
        var claim: RunClaim
        var tailers: [SourceTailer]
        /// The run read afresh after a file of it was truncated, replaced or re-created:
        /// it takes the stored run's place once it holds a point (until then the points
        /// read before stay on screen).
        var pending: Run?
        var sidecar: (path: String, identity: FileIdentity?)?
        var metadataIdentities: [String: FileIdentity] = [:]
        var formatMetadata: RunMetadata?
        var sidecarMetadata: RunMetadata?
    }

    /// Follow `root`. Falls back to polling when inotify cannot be set up (and says so
    /// through `mode`).
    public init(root: String, mode: Mode = .inotify, formats: [LogFormat] = LogFormat.all()) {
        var trimmed = root
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        self.formats = formats
        self.mode = mode
        if mode == .inotify {
            if let w = InotifyWatcher() {
                watcher = w
            } else {
                self.mode = .polling(intervalSeconds: 1)
            }
        }
        rescan()
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
        databaseRunIDs.contains(id) ? "MLflow (SQLite)" : followed[id]?.claim.format
    }

    /// The files a run is read from (absolute paths): its logs, or its MLflow database.
    public func files(ofRun id: String) -> [String] {
        if let run = followed[id] { return run.claim.files }
        guard databaseRunIDs.contains(id) else { return [] }
        return databases.keys.filter { id.hasPrefix(LogFormat.relative($0, to: root) + "/") }
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

    /// Call when `wakeDescriptor` is readable: reads the kernel's events and what they
    /// point at. Returns true when the store changed.
    @discardableResult
    public func handleWake() -> Bool {
        guard let watcher else { return poll() }
        let before = store.generation
        var structureChanged = false
        var touchedRuns = Set<String>()
        var metadataTouched = false
        var touchedDatabases = Set<String>()
        var unownedFiles = Set<String>()
        var unopenedDatabases = Set<String>()
        let (events, overflowed) = watcher.drain()
        if overflowed {
            // The kernel dropped events: which files changed is unknown, so look at all.
            overflowRescans += 1
            rescan()
            for id in followed.keys.sorted() { pollRun(id) }
            for path in databases.keys.sorted() { readDatabase(path) }
            refreshMetadata()
            return store.generation != before
        }
        for event in events {
            if event.isStructural { structureChanged = true }
            if let database = databasePath(touchedBy: event.path) {
                touchedDatabases.insert(database)
            } else if MLflowSQLiteStore.isTrackingDatabase(event.path) {
                // A database not open yet (MLflow creating it): try again now it changed.
                unopenedDatabases.insert(event.path)
            } else if let id = runIDByFile[event.path] {
                touchedRuns.insert(id)
            } else {
                metadataTouched = true
                if !event.isStructural { unownedFiles.insert(event.path) }
            }
        }
        for path in touchedDatabases { readDatabase(path) }
        for path in unopenedDatabases.sorted() where FileIdentity.of(path) != nil { openDatabase(path) }
        // A file no run owns may just have become one (a stdout log's first loss line, a
        // CSV's header, an MLflow run's first metric): look at the whole tree at most once a
        // second, and in between at the written file's own folder, since no later event may
        // come to look again (the dashboard does not poll while inotify works).
        if structureChanged || (metadataTouched && Date().timeIntervalSince1970 - lastRescan >= 1) {
            rescan()
        } else {
            for path in unownedFiles.sorted() { claimFolder(of: path) }
        }
        for id in touchedRuns { pollRun(id) }
        if metadataTouched || structureChanged { refreshMetadata() }
        return store.generation != before
    }

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
            if Date().timeIntervalSince1970 - lastRescan >= 5 { rescan() }
        }
        for id in followed.keys.sorted() { pollRun(id) }
        for path in databases.keys.sorted() { readDatabase(path) }
        refreshMetadata()
        return store.generation != before
    }

    // MARK: - Discovery

    private func rescan() {
        lastRescan = Date().timeIntervalSince1970
        let found = RunDiscovery.scan(root: root)
        if let watcher {
            unwatchedFolders = watcher.watch(directories: found.directories)
        }
        let claims = RunDiscovery.claims(in: found, root: root, formats: formats)
        for claim in claims { adopt(claim) }
        for (directory, names) in found.filesByDirectory {
            for name in names where MLflowSQLiteStore.isTrackingDatabase(directory + "/" + name) {
                openDatabase(directory + "/" + name)
            }
        }
        // A run whose files another run now claims was merged into it (a Lightning version
        // found to resume an earlier one): it goes, its points live on in the other run.
        let claimedIDs = Set(claims.map(\.id))
        for (id, run) in followed where !claimedIDs.contains(id)
            && run.claim.files.allSatisfy({ runIDByFile[$0] != nil && runIDByFile[$0] != id }) {
            followed[id] = nil
            store.remove(id: id)
        }
        // Runs whose files vanished are polled once more so their tailers note it.
        let present = Set(found.filesByDirectory.flatMap { directory, names in names.map { directory + "/" + $0 } })
        for (id, run) in followed where run.claim.files.contains(where: { !present.contains($0) }) { pollRun(id) }
    }

    /// Follow a run found by a scan, or bring a followed one up to date with what the scan
    /// found now.
    private func adopt(_ claim: RunClaim) {
        guard var existing = followed[claim.id] else {
            follow(claim)
            return
        }
        // A folder run may gain files (a new TensorBoard event file after a restart, a
        // resumed Lightning run's next version folder, a rotated log's copy) or lose some
        // (renamed to a name the format no longer picks).
        let newFiles = claim.files.filter { !existing.claim.files.contains($0) }
        let dropped = existing.claim.files.filter { !claim.files.contains($0) }
        guard !newFiles.isEmpty || !dropped.isEmpty else {
            // Or metadata files (an `add_hparams` session folder beside a TensorBoard run).
            if claim.metadataFiles != existing.claim.metadataFiles {
                existing.claim.metadataFiles = claim.metadataFiles
                existing.claim.metadataParser = claim.metadataParser
                followed[claim.id] = existing
                loadMetadata(claim.id)
            }
            return
        }
        // A file the run is read from vanished and the format now picks another (an
        // MLflow run's val/loss once train/loss is gone): keep the run as it was; its
        // tailer reports the deletion, keeps the points, and reads the file again if it
        // comes back.
        // Likewise a run whose file was deleted keeps its points until the file comes back.
        if dropped.contains(where: { FileIdentity.of($0) == nil }) { return }
        for tailer in existing.tailers { store.setStanding([], file: tailer.displayPath) }
        existing.claim = claim
        existing.tailers = claim.files.map { tailer(for: $0, reading: claim.reading) }
        followed[claim.id] = existing
        for file in dropped where runIDByFile[file] == claim.id { runIDByFile[file] = nil }
        for file in newFiles { runIDByFile[file] = claim.id }
        loadMetadata(claim.id)
        rereadRun(claim.id)
    }

    private func follow(_ claim: RunClaim) {
        followed[claim.id] = FollowedRun(claim: claim, tailers: claim.files.map { tailer(for: $0, reading: claim.reading) })
        for file in claim.files { runIDByFile[file] = claim.id }
        store.insert(Run(id: claim.id, name: claim.name))
        loadMetadata(claim.id)
        pollRun(claim.id)
    }

    /// New runs in the folder of `path`, a file no run owns that was just written. Skipped
    /// once the file is longer than any format reads to recognise a run (the next full
    /// rescan still sees it).
    private func claimFolder(of path: String) {
        guard let identity = FileIdentity.of(path) else { return }
        if let checked = unclaimedSizes[path], checked >= RunDiscovery.recognitionBytes { return }
        unclaimedSizes[path] = identity.size
        let folder = RunDiscovery.parent(of: path)
        let names = RunDiscovery.entries(of: folder).files
        for claim in RunDiscovery.claims(inFolder: folder, names: names, root: root, formats: formats)
        where followed[claim.id] == nil {
            follow(claim)
        }
        // A written folder may belong to the run in the folder above it (a TensorBoard
        // `add_hparams` session being written): that run's claim may have changed.
        let above = RunDiscovery.parent(of: folder)
        guard folder.count > root.count, above.count >= root.count else { return }
        for claim in RunDiscovery.claims(inFolder: above, names: RunDiscovery.entries(of: above).files, root: root,
                                         formats: formats) where followed[claim.id] != nil {
            adopt(claim)
        }
    }

    private func tailer(for path: String, reading: LogReading) -> SourceTailer {
        SourceTailer(path: path, displayPath: LogFormat.relative(path, to: root), reading: reading)
    }

    // MARK: - Reading

    /// Read what is new in a run's files. A file truncated, replaced or re-created makes
    /// the run be read afresh from all its files, as `scaletop runs` would read it; the
    /// fresh reading replaces the points read before once it holds any.
    private func pollRun(_ id: String) {
        guard var run = followed[id] else { return }
        if run.tailers.count > 1, case .wholeFile = run.claim.reading {
            pollRewrittenFiles(id)
            return
        }
        // Points of a several-file run follow the files' order; if an earlier file changed
        // (rare: old event files do not grow), read them all again in order.
        let earlierChanged = run.tailers.count > 1
            && run.tailers.dropLast().contains(where: { $0.hasChanged() && $0.identity != nil })
        if earlierChanged || run.tailers.contains(where: { $0.needsRestart() }) {
            followed[id] = run
            rereadRun(id)
            return
        }
        var logMetadataChanged = false
        store.update(id: id) { stored in
            var changed = false
            var fresh = run.pending
            for i in run.tailers.indices {
                let before = run.tailers[i].logMetadata
                let report: (ParseIssue) -> Void = { self.store.record($0) }
                if fresh != nil {
                    if run.tailers[i].poll(into: &fresh!, report: report) { changed = true }
                } else if run.tailers[i].poll(into: &stored, report: report) {
                    changed = true
                }
                if run.tailers[i].logMetadata != before { logMetadataChanged = true }
            }
            if let reading = fresh {
                if reading.points.isEmpty {
                    run.pending = reading
                } else {
                    stored.points = reading.points
                    run.pending = nil
                    changed = true
                }
            }
            let newest = run.tailers.compactMap { $0.identity?.modified }.max()
            if let newest, newest != stored.lastModified {
                stored.lastModified = newest
                changed = true
            }
            return changed
        }
        followed[id] = run
        for tailer in run.tailers { store.setStanding(tailer.standing, file: tailer.displayPath) }
        if logMetadataChanged { applyMetadata(id) }
    }

    /// A run of several files each rewritten whole (a resumed Lightning run's `version_N`
    /// folders): when any changes, the run is the files' points stitched again in order.
    private func pollRewrittenFiles(_ id: String) {
        guard var run = followed[id] else { return }
        var changed = false
        for i in run.tailers.indices where run.tailers[i].refreshWholeFile() {
            changed = true
        }
        followed[id] = run
        for tailer in run.tailers { store.setStanding(tailer.standing, file: tailer.displayPath) }
        let newest = run.tailers.compactMap { $0.identity?.modified }.max()
        store.update(id: id) { stored in
            if changed { stored.points = LightningVersions.stitched(run.tailers.map(\.wholeFilePoints)) }
            guard let newest, newest != stored.lastModified else { return changed }
            stored.lastModified = newest
            return true
        }
    }

    /// Read a run again from the start of all its files. The points read before stay until
    /// the new reading holds a point (a log truncated to nothing keeps its curve on screen
    /// until the restarted writer logs again).
    private func rereadRun(_ id: String) {
        guard var run = followed[id] else { return }
        for i in run.tailers.indices { run.tailers[i].rewind() }
        run.pending = Run(id: run.claim.id, name: run.claim.name)
        followed[id] = run
        pollRun(id)
    }

    // MARK: - MLflow databases

    /// The database a changed file belongs to (the database itself, or its -wal/-journal).
    private func databasePath(touchedBy path: String) -> String? {
        for suffix in ["", "-wal", "-journal"] where path.hasSuffix(suffix) {
            let candidate = String(path.dropLast(suffix.count))
            if databases[candidate] != nil { return candidate }
        }
        return nil
    }

    private func openDatabase(_ path: String) {
        guard databases[path] == nil else { return }
        let identity = FileIdentity.of(path)
        if let failedAs = unreadableDatabases[path], failedAs == identity { return }
        let display = LogFormat.relative(path, to: root)
        do {
            databases[path] = try MLflowSQLiteStore(path: path)
            databaseIdentities[path] = identity
            unreadableDatabases[path] = nil
            store.setStanding([], file: display)
            readDatabase(path)
        } catch {
            // Often MLflow creating the database right now: a problem only until it opens.
            unreadableDatabases[path] = identity
            store.setStanding([ParseIssue(file: display, line: 0, message: error.description)], file: display)
        }
    }

    /// New rows since the last read, into one run per MLflow run (`<database>/<run id>`).
    private func readDatabase(_ path: String) {
        guard let database = databases[path] else { return }
        let prefix = LogFormat.relative(path, to: root) + "/"
        if let opened = databaseIdentities[path], let now = FileIdentity.of(path), !now.isSameFile(as: opened) {
            // Replaced by another file (a restored backup, a re-created store): its rows
            // are read from the start, as a rotated log's are, and replace the points.
            databases[path] = nil
            for id in databaseRunIDs where id.hasPrefix(prefix) {
                store.update(id: id) { run in
                    run.removeAllPoints()
                    return true
                }
            }
            openDatabase(path)
            return
        }
        let update = database.readNew()
        // SQLite commits land in the -wal file first; either one's time is the database's.
        let modified = [path, path + "-wal"].compactMap { FileIdentity.of($0)?.modified }.max()
        for (runID, info) in update.runs {
            databaseRunIDs.insert(prefix + runID)
            // The name MLflow gave the run; its id in the database when it has none.
            let name = info.name ?? prefix + runID
            store.insert(Run(id: prefix + runID, name: name))
            store.update(id: prefix + runID) { run in
                var changed = false
                if run.name != name { run.name = name; changed = true }
                if run.lastModified == nil { run.lastModified = modified; changed = true }
                return changed
            }
        }
        for (runID, points) in update.points where !points.isEmpty {
            if !databaseRunIDs.contains(prefix + runID) {
                databaseRunIDs.insert(prefix + runID)
                store.insert(Run(id: prefix + runID, name: prefix + runID))
            }
            store.update(id: prefix + runID) { run in
                for point in points { run.append(point) }
                // Only a run that got new rows counts as written to: the database is shared.
                run.lastModified = modified
                return true
            }
        }
        for (runID, var metadata) in update.metadata {
            metadata.source = LogFormat.relative(path, to: root)
            store.update(id: prefix + runID) { run in
                guard run.metadata != metadata else { return false }
                run.metadata = metadata
                return true
            }
        }
        // A busy database is read again at the next change; nothing is lost meanwhile.
        for problem in update.problems where !problem.retryLater {
            let message = problem.runID.map { "run \($0): \(problem.message)" } ?? problem.message
            store.record(ParseIssue(file: LogFormat.relative(path, to: root), line: 0, message: message))
        }
    }

    // MARK: - Metadata

    /// Read the sidecar and the format's own metadata files of a run, then combine them.
    private func loadMetadata(_ id: String) {
        guard var run = followed[id], let firstFile = run.claim.files.first else { return }
        if let path = RunDiscovery.sidecar(for: firstFile, root: root) {
            run.sidecar = (path, FileIdentity.of(path))
            let display = LogFormat.relative(path, to: root)
            // A sidecar being written parses badly for a moment: a problem only until it reads.
            do {
                let data = try Data(ReadOnlyFile.read(path, from: 0, limit: 1 << 20))
                run.sidecarMetadata = try SidecarMetadata.parse(data, source: display)
                store.setStanding([], file: display)
            } catch let failure as SidecarMetadata.Failure {
                store.setStanding([ParseIssue(file: display, line: 0, message: failure.description)], file: display)
            } catch let failure as ReadOnlyFile.Failure {
                store.setStanding([ParseIssue(file: display, line: 0, message: ReadOnlyFile.message(failure))], file: display)
            } catch {}
        } else {
            run.sidecar = nil
            run.sidecarMetadata = nil
        }
        if let parser = run.claim.metadataParser {
            var contents: [String: [UInt8]] = [:]
            run.metadataIdentities = [:]
            for path in run.claim.metadataFiles {
                guard let identity = FileIdentity.of(path), let bytes = try? ReadOnlyFile.read(path, from: 0, limit: 4 << 20)
                else { continue }
                contents[path] = bytes
                run.metadataIdentities[path] = identity
            }
            run.formatMetadata = parser(contents)
        }
        followed[id] = run
        applyMetadata(id)
    }

    /// Sidecar over the log's own metadata over the format's metadata files.
    private func applyMetadata(_ id: String) {
        guard let run = followed[id] else { return }
        let fromLog = run.tailers.reduce(RunMetadata?.none) { lower, tailer in
            guard var own = tailer.logMetadata else { return lower }
            own.source = own.source ?? tailer.displayPath
            return own.filled(from: lower)
        }
        let fromName = RunNamePatterns.metadata(fromRunName: run.claim.name)
        let fromFormat = run.formatMetadata?.filled(from: fromName) ?? fromName
        let base = fromLog?.filled(from: fromFormat) ?? fromFormat
        let metadata = (run.sidecarMetadata ?? RunMetadata()).filled(from: base)
        // The name the writer gave the run, else its path.
        let name = metadata.runName ?? run.claim.name
        store.update(id: id) { stored in
            guard stored.metadata != metadata || stored.name != name else { return false }
            stored.metadata = metadata
            stored.name = name
            return true
        }
    }

    private func refreshMetadata() {
        for (id, run) in followed {
            guard let firstFile = run.claim.files.first else { continue }
            let sidecar = RunDiscovery.sidecar(for: firstFile, root: root)
            let sidecarChanged = sidecar != run.sidecar?.path || (sidecar.map(FileIdentity.of) ?? nil) != run.sidecar?.identity
            let filesChanged = run.claim.metadataFiles.contains { FileIdentity.of($0) != run.metadataIdentities[$0] }
            if sidecarChanged || filesChanged { loadMetadata(id) }
        }
    }
}
