import Foundation
import Glibc

/// Discovers the runs under a folder and follows them as training code appends to them.
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
    private let parser: JSONLMetricsParser
    private var tailers: [String: MetricsFileTailer] = [:]        // by absolute path
    private var sidecars: [String: (path: String, identity: FileIdentity?)] = [:]  // by run id
    private var watcher: InotifyWatcher?
    private var lastRescan = 0.0

    /// Follow `root`. Falls back to polling when inotify cannot be set up (and says so
    /// through `mode`).
    public init(root: String, mode: Mode = .inotify, columns: MetricColumns = .standard) {
        var trimmed = root
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        self.parser = JSONLMetricsParser(columns: columns)
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
    public static func load(root: String, columns: MetricColumns = .standard) throws -> RunStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(description: "\(root): no such folder")
        }
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 0), columns: columns)
        return follower.store
    }

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A descriptor that becomes readable when something under the root changed; nil when
    /// polling.
    public var wakeDescriptor: Int32? { watcher?.descriptor }

    /// How long the event loop may sleep before `poll()` must run again; nil: forever.
    public var pollIntervalSeconds: Double? {
        if case .polling(let s) = mode { return s }
        return nil
    }

    /// Call when `wakeDescriptor` is readable: reads the kernel's events and what they
    /// point at. Returns true when the store changed.
    @discardableResult
    public func handleWake() -> Bool {
        guard let watcher else { return poll() }
        let before = store.generation
        var structureChanged = false
        var touched = Set<String>()
        for event in watcher.drain() {
            if event.isStructural { structureChanged = true }
            touched.insert(event.path)
        }
        if structureChanged { rescan() }
        for path in touched where tailers[path] != nil {
            pollTailer(path)
        }
        if touched.contains(where: { $0.hasSuffix(SidecarMetadata.folderFileName) || $0.hasSuffix(SidecarMetadata.fileSuffix) }) {
            refreshSidecars()
        }
        return store.generation != before
    }

    /// Look at every file now (the polling mode's tick; also a safe catch-up).
    @discardableResult
    public func poll() -> Bool {
        let before = store.generation
        let now = Date().timeIntervalSince1970
        if now - lastRescan >= 5 { rescan() }
        for path in tailers.keys.sorted() { pollTailer(path) }
        refreshSidecars()
        return store.generation != before
    }

    // MARK: - Discovery

    private func rescan() {
        lastRescan = Date().timeIntervalSince1970
        let found = RunDiscovery.scan(root: root)
        watcher?.watch(directories: found.directories)
        for file in found.metricsFiles where tailers[file] == nil {
            let relative = relativePath(file)
            tailers[file] = MetricsFileTailer(path: file, displayPath: relative, parser: parser)
            store.insert(Run(id: relative, name: RunDiscovery.runName(relativePath: relative)))
            loadSidecar(runID: relative, metricsFile: file)
            pollTailer(file)
        }
        // Files that vanished are polled once more so the tailer notes the deletion.
        for path in tailers.keys where !found.metricsFiles.contains(path) { pollTailer(path) }
    }

    private func relativePath(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    private func pollTailer(_ path: String) {
        guard var tailer = tailers[path] else { return }
        let id = tailer.displayPath
        store.update(id: id) { run in
            tailer.poll(into: &run) { self.store.record($0) }
        }
        tailers[path] = tailer
    }

    // MARK: - Metadata

    private func loadSidecar(runID: String, metricsFile: String) {
        guard let path = RunDiscovery.sidecar(for: metricsFile, root: root) else {
            sidecars[runID] = nil
            return
        }
        let identity = FileIdentity.of(path)
        sidecars[runID] = (path, identity)
        let display = relativePath(path)
        let metadata: RunMetadata
        do {
            let data = try Data(ReadOnlyFile.read(path, from: 0, limit: 1 << 20))
            metadata = try SidecarMetadata.parse(data, source: display)
        } catch let failure as SidecarMetadata.Failure {
            store.record(ParseIssue(file: display, line: 0, message: failure.description))
            return
        } catch let failure as ReadOnlyFile.Failure {
            store.record(ParseIssue(file: display, line: 0, message: ReadOnlyFile.message(failure)))
            return
        } catch {
            return
        }
        store.update(id: runID) { run in
            guard run.metadata != metadata else { return false }
            run.metadata = metadata
            return true
        }
    }

    private func refreshSidecars() {
        for (path, tailer) in tailers {
            let id = tailer.displayPath
            let known = sidecars[id]
            let current = RunDiscovery.sidecar(for: path, root: root)
            if current != known?.path || (current.map(FileIdentity.of) ?? nil) != known?.identity {
                loadSidecar(runID: id, metricsFile: path)
            }
        }
    }
}
