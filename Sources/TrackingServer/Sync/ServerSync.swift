import Foundation
import RunIngest

/// Reads a study from an MLflow tracking server, and on each refresh only what changed: the
/// runs whose name, params, status or latest metrics moved, and of those only the values
/// logged since (see `MetricCursor`). Used by one task at a time (the follower's, or a
/// command's); changes go out through `emit` as each run is read, so a fault part-way keeps
/// what was read and the next refresh carries on from there.
///
/// A quick refresh lists only running runs (a short answer however many finished runs the
/// study has); a full one lists every run, to see new finished runs, deletions, and runs
/// changed after they ended. A run that stops being listed as running is asked for by id:
/// it ended, or was deleted.
final class ServerSync {
    let api: MLflowAPI
    let source: TrackingSource
    /// History records per page: small for running runs, whose last page is read again at
    /// their first refresh; large (the most MLflow's hosted API takes) for ended ones.
    var livePageSize = 1_000
    var endedPageSize = 25_000
    /// Runs read at once: the server's workers (MLflow starts 4) are kept busy.
    var concurrency = 4
    private(set) var experiments: [MLflowExperiment] = []
    private var runs: [String: ServerRunState] = [:]

    /// The filter of a quick refresh, in MLflow's search syntax.
    static let runningFilter = "attributes.status = 'RUNNING'"

    init(api: MLflowAPI, source: TrackingSource) {
        self.api = api
        self.source = source
    }

    var runCount: Int { runs.count }

    /// The experiments the study names, checked: throws `RunSelection.ParseError` for a name
    /// the server does not have.
    func connect() async throws {
        experiments = try source.selection.resolve(try await api.experiments())
    }

    /// Read what changed. `progress(done, total)` counts runs read in this refresh.
    func refresh(full: Bool, progress: @escaping (Int, Int) -> Void = { _, _ in },
                 emit: @escaping ([StoreChange]) -> Void) async throws {
        if full || experiments.isEmpty {
            let available = try await api.experiments()
            // Named experiments deleted since the start leave the study (their runs go below).
            experiments = source.selection.experiments.isEmpty
                ? available
                : source.selection.experiments.compactMap { wanted in
                    available.first { $0.id == wanted } ?? available.first { $0.name == wanted }
                }
        }
        let ids = experiments.map(\.id)
        var listed = try await api.runs(experimentIDs: ids, filter: full ? nil : Self.runningFilter)
        listed = listed.filter { source.selection.admits(params: $0.params, tags: $0.tags) }
        let listedIDs = Set(listed.map(\.id))
        var removed: [StoreChange] = []
        if full {
            for id in runs.keys.sorted() where !listedIDs.contains(id) {
                runs[id] = nil
                removed.append(.remove(id: id))
            }
        } else {
            // Running before and not now: ended (read it once more) or deleted.
            for id in runs.keys.sorted() where runs[id]!.listed.status == "RUNNING" && !listedIDs.contains(id) {
                if let run = try await api.run(id: id), run.lifecycleStage == "active",
                   ids.contains(run.experimentID), source.selection.admits(params: run.params, tags: run.tags) {
                    listed.append(run)
                } else {
                    runs[id] = nil
                    removed.append(.remove(id: id))
                }
            }
        }
        if !removed.isEmpty { emit(removed) }
        try await read(listed, progress: progress, emit: emit)
    }

    /// Read the listed runs that changed, `concurrency` at a time, emitting each as it ends.
    private func read(_ listed: [MLflowRun], progress: @escaping (Int, Int) -> Void,
                      emit: @escaping ([StoreChange]) -> Void) async throws {
        let experimentNames = Dictionary(experiments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let withExperiment = experiments.count > 1 || source.selection.experiments.count != 1
        var jobs: [ReadJob] = []
        for run in listed {
            let plan = RunPlan.make(previous: runs[run.id], listed: run, columns: source.columns)
            guard plan.headerChanged || !plan.keysToRead.isEmpty else { continue }
            let name = ServerRunAssembly.name(of: run, experimentName: experimentNames[run.experimentID], withExperiment: withExperiment)
            jobs.append(ReadJob(run: run, state: runs[run.id], plan: plan, name: name, uri: source.uri,
                                pageSize: run.status == "RUNNING" ? livePageSize : endedPageSize))
        }
        guard !jobs.isEmpty else { return }
        let api = self.api
        var done = 0
        progress(0, jobs.count)
        try await withThrowingTaskGroup(of: ReadJob.Outcome.self) { group in
            var next = 0
            func start() {
                let job = jobs[next]
                next += 1
                group.addTask { try await job.perform(api: api) }
            }
            while next < min(concurrency, jobs.count) { start() }
            while let outcome = try await group.next() {
                runs[outcome.id] = outcome.state
                emit(outcome.changes)
                done += 1
                progress(done, jobs.count)
                if next < jobs.count { start() }
            }
        }
    }
}

/// Reading one run: its header, then the new values of each metric that changed.
struct ReadJob: Sendable {
    var run: MLflowRun
    var state: ServerRunState?
    var plan: RunPlan
    var name: String
    var uri: TrackingURI
    var pageSize: Int

    struct Outcome: Sendable {
        var id: String
        /// Nil when the run disappeared while being read.
        var state: ServerRunState?
        var changes: [StoreChange]
    }

    func perform(api: MLflowAPI) async throws -> Outcome {
        var state = self.state ?? ServerRunState(listed: run)
        state.keys = plan.keys
        var changes: [StoreChange] = [.header(id: run.id, name: name, metadata: ServerRunAssembly.metadata(of: run, name: name, uri: uri),
                                              lastModified: ServerRunAssembly.lastModified(of: run))]
        var lossRecords: [MLflowMetric] = []
        var startOver = false
        for key in plan.keysToRead {
            guard let (records, cursor, mismatch) = try await readHistory(key, from: state.cursors[key] ?? MetricCursor(), api: api)
            else { return Outcome(id: run.id, state: nil, changes: [.remove(id: run.id)]) }
            if mismatch {
                startOver = true
                break
            }
            state.cursors[key] = cursor
            if key == plan.keys.loss { lossRecords = records } else { addPending(records, key: key, to: &state) }
        }
        if startOver {
            // A history changed under us (a value logged with an older timestamp, a restored
            // database): read every metric of the run again and replace its points.
            state.cursors = [:]
            state.pending = [:]
            lossRecords = []
            for key in plan.keys.all {
                guard let (records, cursor, _) = try await readHistory(key, from: MetricCursor(), api: api)
                else { return Outcome(id: run.id, state: nil, changes: [.remove(id: run.id)]) }
                state.cursors[key] = cursor
                if key == plan.keys.loss { lossRecords = records } else { addPending(records, key: key, to: &state) }
            }
        }
        let (points, problems) = ServerRunAssembly.points(fromLoss: lossRecords, keys: plan.keys, pending: state.pending)
        if startOver {
            changes.append(.replace(id: run.id, points: points))
        } else if !points.isEmpty {
            changes.append(.append(id: run.id, points: points))
        }
        for problem in problems {
            changes.append(.issue(ParseIssue(file: name + "/" + run.id, line: 0, message: problem)))
        }
        // Values at steps that now have their loss point are not needed again.
        if let newest = lossRecords.map(\.step).max() {
            for key in state.pending.keys { state.pending[key] = state.pending[key]!.filter { $0.key > newest } }
        }
        for key in startOver ? plan.keys.all : plan.keysToRead { state.latestRead[key] = run.latestMetrics[key] }
        state.listed = run
        return Outcome(id: run.id, state: state, changes: changes)
    }

    private func addPending(_ records: [MLflowMetric], key: String, to state: inout ServerRunState) {
        for record in records where record.hasFiniteValue { state.pending[key, default: [:]][record.step] = record.value }
    }

    /// The records of `key` logged since `cursor`; nil when the run is gone.
    private func readHistory(_ key: String, from cursor: MetricCursor,
                             api: MLflowAPI) async throws -> (records: [MLflowMetric], cursor: MetricCursor, mismatch: Bool)? {
        var read = HistoryRead(cursor: cursor, pageSize: pageSize)
        var records: [MLflowMetric] = []
        while let request = read.request {
            guard let page = try await api.historyPage(runID: run.id, key: key, maxResults: request.maxResults,
                                                       pageToken: request.token) else { return nil }
            records += read.accept(page)
        }
        return (records, read.cursor, read.mismatch)
    }
}
