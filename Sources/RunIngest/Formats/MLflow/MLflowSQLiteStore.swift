import CSQLite
import Foundation

/// Reads an MLflow SQLite tracking store (`mlflow.db`, the default since MLflow 3.7) while
/// MLflow writes it, strictly read-only: opened with `SQLITE_OPEN_READONLY` and a
/// `mode=ro` URI, so nothing is ever written, and no journal, `-wal` or `-shm` file is
/// created. A database in WAL mode is opened `immutable=1` afresh on every read (a
/// read-only reader cannot share the writer's `-shm` without creating one), so rows still
/// in the WAL show up once MLflow checkpoints them.
///
/// Each `readNew()` returns only what was added since the last one: metric rows by rowid
/// (MLflow's `metrics` table is a rowid table, so new rows have larger rowids), and a run's
/// info and metadata when they changed. Not a tailed file, so not an `AppendingLogParser`.
public final class MLflowSQLiteStore {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            case cannotOpen, notADatabase, missingTable, busy, query
        }
        public let kind: Kind
        public let description: String
        /// Busy or locked: the writer holds the database; try again on the next poll.
        public var retryLater: Bool { kind == .busy }
    }

    public struct Problem: Sendable, Equatable {
        /// The run the problem is about, when it is about one.
        public var runID: String?
        public var message: String
        /// True when nothing was wrong with the data: the database was busy, and the same
        /// rows will be read by a later `readNew()`.
        public var retryLater: Bool
        /// True when the read failed as a whole (the file is not, or not yet, a complete
        /// MLflow database: a schema being created or migrated): a problem of the file as it
        /// is now, not of a row, and nothing of the read was kept.
        public var wholeDatabase = false
    }

    public struct Update: Sendable {
        /// New loss points per run id, in the order MLflow stored them, with the learning
        /// rate and tokens logged at the same step attached when already known.
        public var points: [String: [MetricPoint]] = [:]
        /// Metadata per run id (params, name, end), for runs whose params or info changed.
        public var metadata: [String: RunMetadata] = [:]
        /// Name, status and experiment per run id, for runs that are new or changed.
        public var runs: [String: MLflowRunFolder.RunInfo] = [:]
        public var problems: [Problem] = []
    }

    public static let requiredTables = ["runs", "metrics", "params", "tags", "experiments"]

    /// Whether a file is an MLflow tracking database: `mlflow.db`, MLflow's default name.
    public static func isTrackingDatabase(_ path: String) -> Bool {
        (path.split(separator: "/").last.map(String.init) ?? path) == "mlflow.db"
    }

    public let path: String
    public var columns: MetricColumns
    private var db: OpaquePointer?
    private let reopenEachRead: Bool
    private var lastMetricRowID: Int64 = 0
    private var lossKeyByRun: [String: String] = [:]
    private var learningRateByRun: [String: [Int: Double]] = [:]
    private var tokensByRun: [String: [Int: Double]] = [:]
    private var lastParams: [String: [String: String]] = [:]
    private var lastInfo: [String: MLflowRunFolder.RunInfo] = [:]

    public init(path: String, columns: MetricColumns = .standard) throws(Failure) {
        self.path = path
        self.columns = columns
        reopenEachRead = Self.isWALMode(path: path)
        db = try Self.open(path: path, immutable: reopenEachRead)
        do {
            try checkTables()
        } catch {
            sqlite3_close_v2(db)
            db = nil
            throw error
        }
        if reopenEachRead {
            sqlite3_close_v2(db)
            db = nil
        }
    }

    deinit {
        if let db { sqlite3_close_v2(db) }
    }

    /// Bytes 18 and 19 of an SQLite header are 2 in WAL mode (sqlite.org/fileformat2.html §1.3).
    static func isWALMode(path: String) -> Bool {
        guard let header = try? ReadOnlyFile.read(path, from: 0, limit: 20), header.count == 20 else { return false }
        return header[18] == 2 && header[19] == 2
    }

    static func open(path: String, immutable: Bool) throws(Failure) -> OpaquePointer? {
        // The path's bytes (see `RawFileName`), percent-encoded but for unreserved characters.
        let escaped = RawFileName.bytes(of: path).map { byte -> String in
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "/-._~".utf8.contains(byte)
            return unreserved ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
        let uri = "file:\(escaped)?mode=ro" + (immutable ? "&immutable=1" : "")
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(uri, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(handle)
            throw Failure(kind: .cannotOpen, description: "\(RawFileName.display(path)): cannot open read-only (\(message))")
        }
        sqlite3_busy_timeout(handle, 50)
        return handle
    }

    private func failure(_ rc: Int32, doing what: String) -> Failure {
        let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
        switch rc & 0xFF {
        case SQLITE_NOTADB:
            return Failure(kind: .notADatabase, description: "\(path): not an SQLite database (\(message))")
        case SQLITE_BUSY, SQLITE_LOCKED:
            return Failure(kind: .busy, description: "\(path): database is busy (\(message)); will read again later")
        default:
            return Failure(kind: .query, description: "\(path): \(what) failed (\(message))")
        }
    }

    /// Runs `sql`, calling `row` for each result row.
    private func query(_ sql: String, bind: Int64? = nil, row: (OpaquePointer) -> Void) throws(Failure) {
        var statement: OpaquePointer?
        var rc = sqlite3_prepare_v2(db, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw failure(rc, doing: "reading (\(sql.prefix(40))…)") }
        defer { sqlite3_finalize(statement) }
        if let bind { sqlite3_bind_int64(statement, 1, bind) }
        while true {
            rc = sqlite3_step(statement)
            if rc == SQLITE_ROW { row(statement); continue }
            if rc == SQLITE_DONE { return }
            throw failure(rc, doing: "reading (\(sql.prefix(40))…)")
        }
    }

    private func checkTables() throws(Failure) {
        var tables = Set<String>()
        try query("SELECT name FROM sqlite_master WHERE type = 'table'") { tables.insert(Self.text($0, 0) ?? "") }
        let missing = Self.requiredTables.filter { !tables.contains($0) }
        guard missing.isEmpty else {
            throw Failure(kind: .missingTable,
                          description: "\(path): not an MLflow tracking store (no such table: \(missing.joined(separator: ", ")))")
        }
    }

    static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard let c = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: c)
    }

    /// Everything added since the last call. A busy database gives one `retryLater`
    /// problem and nothing else; the same rows come next time.
    public func readNew() -> Update {
        var update = Update()
        do {
            if reopenEachRead { db = try Self.open(path: path, immutable: true) }
            defer {
                if reopenEachRead {
                    sqlite3_close_v2(db)
                    db = nil
                }
            }
            try query("BEGIN") { _ in }
            defer { sqlite3_exec(db, "COMMIT", nil, nil, nil) }
            try readRuns(into: &update)
            try readParams(into: &update)
            try readMetrics(into: &update)
        } catch {
            // Nothing of a failed read is kept: the state only moves on a complete read.
            return Update(problems: [Problem(runID: nil, message: error.description, retryLater: error.retryLater,
                                             wholeDatabase: true)])
        }
        commitPending()
        // A run's metadata is its params with its name and end: sent again when either changed.
        for id in Set(update.runs.keys).union(update.metadata.keys) {
            var metadata = MLflowRunFolder.metadata(params: lastParams[id] ?? [:], source: path)
            metadata.runName = lastInfo[id]?.name
            metadata.end = lastInfo[id].flatMap(MLflowRunFolder.end(of:))
            update.metadata[id] = metadata
        }
        return update
    }

    private var pendingInfo: [String: MLflowRunFolder.RunInfo] = [:]
    private var pendingParams: [String: [String: String]] = [:]
    private var pending: (rowID: Int64, lossKeys: [String: String], rates: [String: [Int: Double]],
                          tokens: [String: [Int: Double]])?

    private func commitPending() {
        lastInfo.merge(pendingInfo) { _, new in new }
        lastParams.merge(pendingParams) { _, new in new }
        if let pending {
            lastMetricRowID = pending.rowID
            lossKeyByRun = pending.lossKeys
            learningRateByRun = pending.rates
            tokensByRun = pending.tokens
        }
        pendingInfo = [:]
        pendingParams = [:]
        pending = nil
    }

    private func readRuns(into update: inout Update) throws(Failure) {
        pendingInfo = [:]
        var tags: [String: String] = [:]
        try query("SELECT run_uuid, value FROM tags WHERE key = 'mlflow.runName'") { row in
            if let id = Self.text(row, 0), let name = Self.text(row, 1) { tags[id] = name }
        }
        let sql = """
            SELECT r.run_uuid, r.name, r.status, r.experiment_id, r.start_time, r.end_time
            FROM runs r WHERE r.lifecycle_stage IS NULL OR r.lifecycle_stage != 'deleted'
            """
        try query(sql) { row in
            guard let id = Self.text(row, 0) else { return }
            var info = MLflowRunFolder.RunInfo()
            info.runID = id
            info.name = Self.text(row, 1).flatMap { $0.isEmpty ? nil : $0 } ?? tags[id]
            info.status = Self.text(row, 2)
            info.experimentID = Self.text(row, 3)
            if sqlite3_column_type(row, 4) != SQLITE_NULL { info.startTime = Double(sqlite3_column_int64(row, 4)) / 1000 }
            if sqlite3_column_type(row, 5) != SQLITE_NULL { info.endTime = Double(sqlite3_column_int64(row, 5)) / 1000 }
            if lastInfo[id] != info {
                pendingInfo[id] = info
                update.runs[id] = info
            }
        }
    }

    private func readParams(into update: inout Update) throws(Failure) {
        pendingParams = [:]
        var params: [String: [String: String]] = [:]
        try query("SELECT run_uuid, key, value FROM params") { row in
            guard let id = Self.text(row, 0), let key = Self.text(row, 1) else { return }
            params[id, default: [:]][key] = Self.text(row, 2) ?? ""
        }
        for (id, values) in params where lastParams[id] != values {
            pendingParams[id] = values
            update.metadata[id] = MLflowRunFolder.metadata(params: values, source: path)
        }
    }

    private func readMetrics(into update: inout Update) throws(Failure) {
        struct Row {
            var run: String, key: String, value: Double, timestamp: Int64, step: Int, isNaN: Bool
        }
        var rows: [Row] = []
        var maxRowID = lastMetricRowID
        try query("SELECT rowid, run_uuid, key, value, timestamp, step, is_nan FROM metrics WHERE rowid > ?1 ORDER BY rowid",
                  bind: lastMetricRowID) { row in
            maxRowID = max(maxRowID, sqlite3_column_int64(row, 0))
            guard let run = Self.text(row, 1), let key = Self.text(row, 2) else { return }
            rows.append(Row(run: run, key: key, value: sqlite3_column_double(row, 3), timestamp: sqlite3_column_int64(row, 4),
                            step: Int(sqlite3_column_int64(row, 5)), isNaN: sqlite3_column_int(row, 6) != 0))
        }
        var lossKeys = lossKeyByRun
        var rates = learningRateByRun
        var tokens = tokensByRun
        var keysByRun: [String: Set<String>] = [:]
        for row in rows {
            keysByRun[row.run, default: []].insert(row.key)
            let isRate = columns.learningRate.first(where: { keysByRun[row.run]!.contains($0) }) == row.key
            let isTokens = columns.tokens.first(where: { keysByRun[row.run]!.contains($0) }) == row.key
            if let what = Self.nonFinite(row.value, isNaN: row.isNaN) {
                // Left out of the points it would join, and said.
                if isRate || isTokens {
                    update.problems.append(Problem(runID: row.run, message: NonFiniteValues.leftOut(row.key, is: what, atStep: row.step),
                                                   retryLater: false))
                }
                continue
            }
            if isRate { rates[row.run, default: [:]][row.step] = row.value }
            if isTokens { tokens[row.run, default: [:]][row.step] = row.value }
        }
        // A run's loss series is chosen once, from the first rows that hold any loss key,
        // so a curve never switches between, say, train and validation loss.
        for (run, keys) in keysByRun where lossKeys[run] == nil {
            if let key = MLflowRunFolder.lossKey(among: keys, columns: columns) { lossKeys[run] = key }
        }
        for row in rows where lossKeys[row.run] == row.key {
            if let what = Self.nonFinite(row.value, isNaN: row.isNaN) {
                update.problems.append(Problem(runID: row.run, message: "\(row.key) is \(what) at step \(row.step)",
                                               retryLater: false))
                continue
            }
            update.points[row.run, default: []].append(
                MetricPoint(step: row.step, tokens: tokens[row.run]?[row.step], loss: row.value,
                            learningRate: rates[row.run]?[row.step], wallTime: Double(row.timestamp) / 1000))
        }
        pending = (maxRowID, lossKeys, rates, tokens)
    }

    /// "NaN" or "infinite" for a stored value that stands for one, nil for a number. MLflow
    /// stores NaN as `is_nan` = 1 and ±infinity as ±the largest double (its SQL store's
    /// `_get_metric_value_details`), which read back as 1.8e308 would be a real loss.
    static func nonFinite(_ value: Double, isNaN: Bool) -> String? {
        if isNaN || value.isNaN { return "NaN" }
        if !value.isFinite || abs(value) == .greatestFiniteMagnitude { return "infinite" }
        return nil
    }
}
