/// The MLflow tracking databases (`mlflow.db`) under the root, opened read-only. One
/// database holds many runs: each becomes a run `<database>/<MLflow run id>` in the store,
/// and new rows are read into them whenever the database (or its -wal file) changes.
final class MLflowDatabases {
    private let root: String
    private let store: RunStore
    private var stores: [String: MLflowSQLiteStore] = [:]
    /// Each open database's file, to notice it being replaced by another.
    private var openedAs: [String: FileIdentity] = [:]
    /// Databases that could not be opened, with the file as it was then (retried on change).
    private var unreadable: [String: FileIdentity?] = [:]
    /// The store's runs that come from a database.
    private var runIDs = Set<String>()

    init(root: String, store: RunStore) {
        self.root = root
        self.store = store
    }

    /// The open databases (absolute paths), in a fixed order.
    var paths: [String] { stores.keys.sorted() }

    func holds(run id: String) -> Bool { runIDs.contains(id) }

    /// The database files a run of one is read from.
    func files(ofRun id: String) -> [String] {
        guard runIDs.contains(id) else { return [] }
        return stores.keys.filter { id.hasPrefix(LogFormat.relative($0, to: root) + "/") }
    }

    /// The open database a changed file belongs to (the database itself, or its -wal/-journal).
    func database(touchedBy path: String) -> String? {
        for suffix in ["", "-wal", "-journal"] where path.hasSuffix(suffix) {
            let candidate = String(path.dropLast(suffix.count))
            if stores[candidate] != nil { return candidate }
        }
        return nil
    }

    /// Open the database at `path` (once) and read it; a file that cannot be opened is a
    /// problem until it opens, and is tried again only once it has changed.
    func open(_ path: String) {
        guard stores[path] == nil else { return }
        let identity = FileIdentity.of(path)
        if let failedAs = unreadable[path], failedAs == identity { return }
        let display = LogFormat.relative(path, to: root)
        do throws(MLflowSQLiteStore.Failure) {
            stores[path] = try MLflowSQLiteStore(path: path)
            openedAs[path] = identity
            unreadable[path] = nil
            store.setStanding([], file: display)
            read(path)
        } catch {
            // Often MLflow creating the database right now: a problem only until it opens.
            unreadable[path] = identity
            store.setStanding([ParseIssue(file: display, line: 0, message: error.description)], file: display)
        }
    }

    func readAll() {
        for path in paths { read(path) }
    }

    /// New rows since the last read, into one run per MLflow run.
    func read(_ path: String) {
        guard let database = stores[path] else { return }
        let display = LogFormat.relative(path, to: root)
        let prefix = display + "/"
        if let opened = openedAs[path], let now = FileIdentity.of(path), !now.isSameFile(as: opened) {
            reopen(path, runPrefix: prefix)
            return
        }
        let update = database.readNew()
        // SQLite commits land in the -wal file first; either one's time is the database's.
        let modified = [path, path + "-wal"].compactMap { FileIdentity.of($0)?.modified }.max()
        for (runID, info) in update.runs {
            // The name MLflow gave the run; its id in the database when it has none.
            let name = info.name ?? prefix + runID
            insertRun(prefix + runID, name: name)
            store.update(id: prefix + runID) { run in
                var changed = false
                if run.name != name { run.name = name; changed = true }
                if run.lastModified == nil { run.lastModified = modified; changed = true }
                return changed
            }
        }
        for (runID, points) in update.points where !points.isEmpty {
            insertRun(prefix + runID, name: prefix + runID)
            store.update(id: prefix + runID) { run in
                run.append(contentsOf: points)
                // Only a run that got new rows counts as written to: the database is shared.
                run.lastModified = modified
                return true
            }
        }
        for (runID, var metadata) in update.metadata {
            metadata.source = display
            store.update(id: prefix + runID) { run in
                guard run.metadata != metadata else { return false }
                run.metadata = metadata
                return true
            }
        }
        // A read that failed as a whole ("no such column: step" while MLflow migrates its
        // schema) is the file as it is now: it stands until a read succeeds. A busy database
        // is read again at the next change (nothing is lost meanwhile), so it changes nothing.
        if let failure = update.problems.first(where: \.wholeDatabase) {
            if !failure.retryLater {
                store.setStanding([ParseIssue(file: display, line: 0, message: failure.message)], file: display)
            }
        } else {
            store.setStanding([], file: display)
        }
        // Problems of rows (a NaN loss) are counted: each is a point lost for good.
        for problem in update.problems where !problem.retryLater && !problem.wholeDatabase {
            let message = problem.runID.map { "run \($0): \(problem.message)" } ?? problem.message
            store.record(ParseIssue(file: display, line: 0, message: message))
        }
    }

    /// A run first seen in the database (by its row, or by its first metric).
    private func insertRun(_ id: String, name: String) {
        guard runIDs.insert(id).inserted else { return }
        store.insert(Run(id: id, name: name))
    }

    /// The database was replaced by another file (a restored backup, a re-created store):
    /// its rows are read from the start, as a rotated log's are, and replace the points.
    private func reopen(_ path: String, runPrefix prefix: String) {
        stores[path] = nil
        for id in runIDs where id.hasPrefix(prefix) {
            store.update(id: id) { run in
                run.removeAllPoints()
                return true
            }
        }
        open(path)
    }
}
