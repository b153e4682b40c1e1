import Charts
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The live dashboard's brain as a value: every key, mouse event, change of the runs, fit
/// result, export outcome and tick goes through `handle(_:at:)`, which updates the state and
/// says what the loop must do (fit, export, draw, quit). No terminal, thread or clock in
/// here: time comes in with each event, so debounces, frame pacing and staleness are tested
/// in milliseconds (`DashboardModelTests`), and the loop (`DashboardApp`) only does I/O.
public struct DashboardModel: Sendable {
    /// Intervals the model keeps to.
    public struct Timing: Sendable {
        /// Frames at most this often.
        public var frameInterval = 1.0 / 30
        /// Fits wait this long after a change, so a burst of appends costs one fit.
        public var fitDebounce = 1.0
        /// Staleness changes with time alone: statuses are looked at again this often.
        public var statusRefresh = 60.0

        public init() {}
    }

    public var state = DashboardState()
    public let title: String
    public var timing = Timing()
    /// Whether `s`/`S` can write files (an exporter was given).
    public var exportsEnabled: Bool

    public private(set) var runs: [Run] = []
    /// One per run, same order: kept per run and recomputed when that run changes.
    public private(set) var summaries: [RunSummary] = [] {
        didSet { pointCount = summaries.reduce(0) { $0 + $1.pointCount } }
    }
    /// Points in all runs, summed once per change of the summaries, not per frame.
    private var pointCount = 0
    public private(set) var issues: [FileIssues] = []
    public private(set) var issueCounts: [String: Int] = [:]
    public private(set) var followLabel = ""
    public private(set) var feedAlert: String?
    /// While the feed is still reading the runs it found: fits wait for the whole study.
    public private(set) var loading: LoadingProgress?
    public private(set) var fits = StudyFits.empty
    public private(set) var forecasts: [String: RunForecast] = [:]
    public private(set) var fitStatus = ""
    /// Seconds from a file's change to its points reaching the dashboard, last measured.
    public private(set) var ingestLag: Double?
    public private(set) var screenSize = (width: 0, height: 0)

    private var summaryCache = RunSummaryCache()
    /// The runs drawable by tokens, for the default axis (asked again only of changed runs).
    private var axisTally = AxisSupportTally()
    /// What the visible rows depend on, and the rows: see `StudyView.visibleRows`.
    private struct VisibleKey: Equatable {
        var generation: Int
        var statusChecks: Int
        var filter: String
        var sortKey: RunSortKey
        var sortDescending: Bool
        var grouping: RunGrouping
    }
    private var visibleCache: (key: VisibleKey, rows: VisibleRuns)?
    /// The last rows' order (places), kept when the rows are let go: the next order is
    /// often the same (`RunOrdering.order`).
    private var lastVisibleOrder: [Int]?
    private var statusChecks = 0
    private var generation = -1
    private var fittedGeneration = -1
    private var fitInFlight = false
    /// The fit in flight has published its fits; its forecasts are still being made.
    private var fitsAwaitingForecasts = false
    private var lastFitRequest = -Double.infinity
    /// How long the last fit took, from request to result.
    private var lastFitDuration = 0.0
    /// When "fitting… bootstrap 120/200" last changed the status line.
    private var lastProgressShown = -Double.infinity
    private var lastStatusCheck: Double?
    private var exportInFlight = false
    private var loadedOnce = false
    private var needsDraw = true
    private var needsRepaint = false
    private var lastFrame = -Double.infinity

    public init(title: String, exportsEnabled: Bool) {
        self.title = title
        self.exportsEnabled = exportsEnabled
    }

    /// What the view draws: values only, no reference into the live store.
    public var study: StudyView {
        var view = StudyView(title: title, runs: runs, summaries: summaries, issues: issues, followMode: followLabel,
                             fits: fits, fitStatus: fitStatus, ingestLagSeconds: ingestLag, forecasts: forecasts,
                             feedAlert: feedAlert, loading: loading, pointCount: pointCount)
        if let visibleCache, visibleCache.key == visibleKey { view.visibleRows = visibleCache.rows }
        return view
    }

    /// The visible runs' ids in table order (what j/k and the mouse wheel step through).
    public var visibleRunIDs: [String] {
        let view = study
        return (view.visibleRows ?? DashboardView.visibleRuns(view, state: state)).runIDs
    }

    private var visibleKey: VisibleKey {
        VisibleKey(generation: generation, statusChecks: statusChecks, filter: state.filter, sortKey: state.sortKey,
                   sortDescending: state.sortDescending, grouping: state.grouping)
    }

    /// Filter and sort the runs again if they or the order changed since the last time.
    private mutating func refreshVisibleRows() {
        let key = visibleKey
        guard visibleCache?.key != key else { return }
        visibleCache = nil
        let rows = DashboardView.visibleRuns(study, state: state, previous: lastVisibleOrder)
        visibleCache = (key, rows)
        lastVisibleOrder = rows.order
    }

    // MARK: - Events

    /// Apply `event` at time `now`; returns what the loop must do, in order.
    public mutating func handle(_ event: DashboardEvent, at now: DashboardTime) -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        switch event {
        case .key(let key):
            let selected = state.selectedRunID
            if handleKey(key, effects: &effects) { return [.quit] }
            if state.selectedRunID != selected { forecastSelectedRun() }
        case .pointer(let target, let kind):
            let selected = state.selectedRunID
            if handlePointer(target, kind) { needsDraw = true }
            if state.selectedRunID != selected { forecastSelectedRun() }
        case .resized(let width, let height):
            if screenSize != (width, height) {
                screenSize = (width, height)
                needsDraw = true
                needsRepaint = true
            }
        case .studyChanged(let snapshot):
            takeStudy(snapshot, at: now)
        case .fitsFinished(let result) where result.forecastsToCome:
            // The fits, drawn now; the forecasts (the last ones kept until then) follow.
            fits = result.fits
            fitStatus = Self.fitsStatus(fits) + " · forecasts…"
            fitsAwaitingForecasts = true
            needsDraw = true
        case .fitsFinished(let result):
            fitInFlight = false
            fitsAwaitingForecasts = false
            lastFitDuration = max(0, now.monotonic - lastFitRequest)
            fits = result.fits
            forecasts = result.forecasts
            fitStatus = Self.fitsStatus(fits)
            if result.unforecastRuns > 0 {
                fitStatus += " · forecasts for \(NumberFormat.grouped(forecasts.count)) of "
                    + "\(NumberFormat.grouped(forecasts.count + result.unforecastRuns)) running runs (select one to forecast it)"
            }
            needsDraw = true
        case .fitProgress(let progress):
            // Only a fit that takes long says how far it has got.
            // Once a second: each one is a whole frame, which at 10,000 runs is not free.
            guard fitInFlight, now.monotonic - lastFitRequest >= 1, now.monotonic - lastProgressShown >= 1 else { break }
            let status = fitsAwaitingForecasts ? Self.fitsStatus(fits) + " · " + progress : "fitting… " + progress
            if status != fitStatus {
                fitStatus = status
                lastProgressShown = now.monotonic
                needsDraw = true
            }
        case .exportStarted(let folder, let panels):
            exportInFlight = true
            state.notice = StatusNotice("writing \(panels.joined(separator: ", ")) to \(folder)…")
            needsDraw = true
        case .exportRefused(let reason):
            state.notice = StatusNotice(reason, isError: true)
            needsDraw = true
        case .exportFinished(let notice):
            exportInFlight = false
            state.notice = notice
            needsDraw = true
        case .tick:
            break
        }
        refreshStatuses(at: now)
        if let request = fitRequest(at: now) { effects.append(.requestFits(request)) }
        if needsDraw && now.monotonic - lastFrame >= timing.frameInterval {
            refreshVisibleRows()
            effects.append(.draw(repaint: needsRepaint))
            lastFrame = now.monotonic
            needsDraw = false
            needsRepaint = false
        }
        return effects
    }

    /// While a fit runs, when it was asked for (monotonic seconds): the loop then reports
    /// its progress.
    public var fitStartedAt: Double? { fitInFlight ? lastFitRequest : nil }

    /// When the loop must call `handle(.tick, …)` at the latest, if nothing else happens:
    /// the frame owed, the fit owed after its debounce, the next look at staleness.
    public func nextDeadline() -> Double? {
        var deadlines: [Double] = []
        if needsDraw { deadlines.append(lastFrame + timing.frameInterval) }
        if fittedGeneration != generation && !fitInFlight && loading == nil {
            deadlines.append(lastFitRequest + fitSpacing)
        }
        if let lastStatusCheck { deadlines.append(lastStatusCheck + timing.statusRefresh) }
        return deadlines.min()
    }

    // MARK: - Keys and the mouse

    /// Returns true when the key quits.
    private mutating func handleKey(_ key: Key, effects: inout [DashboardEffect]) -> Bool {
        let noticeBefore = state.notice
        // The order j/k step through is the one on screen before the key, worked out only
        // for the keys that need it (from a copy: `state` is being changed meanwhile).
        let before = self
        switch KeyBindings.handle(key, state: &state, runs: runs, visibleRunIDs: before.visibleRunIDs) {
        case .quit:
            return true
        case .redraw:
            needsDraw = true
        case .repaint:
            needsDraw = true
            needsRepaint = true
        case .ignored:
            break
        case .exportFocused:
            requestExport([state.focus], effects: &effects)
        case .exportAll:
            // The runs table is text, not a chart: `S` writes the four chart panels.
            requestExport(DashboardPanel.allCases.filter { $0 != .runs }, effects: &effects)
        }
        if state.notice != noticeBefore { needsDraw = true }
        return false
    }

    private mutating func requestExport(_ panels: [DashboardPanel], effects: inout [DashboardEffect]) {
        needsDraw = true
        guard exportsEnabled else {
            state.notice = StatusNotice("exports are off in this dashboard", isError: true)
            return
        }
        guard !exportInFlight else {
            state.notice = StatusNotice("still writing the last export; press s again when it is done", isError: true)
            return
        }
        effects.append(.export(panels))
    }

    /// A click focuses the panel under it; in the runs table it selects the run, on the
    /// curves it moves the cursor there and selects the nearest curve; a release on the
    /// curves ends a drag there (the cursor follows, the selection stays); the wheel scrolls
    /// the runs table or moves the cursor.
    /// Returns true when the state changed.
    private mutating func handlePointer(_ target: DashboardTarget, _ kind: MouseEvent.Kind) -> Bool {
        let before = state
        if state.filterDraft != nil || state.whatIfDraft != nil { return false }   // a prompt is open: keys only
        switch (target, kind) {
        // A release counts as a click too: ncurses may hand over only the release of a quick
        // click whose two reports arrived together.
        case (.tab(let panel), .press), (.panel(let panel), .press), (.tab(let panel), .release), (.panel(let panel), .release):
            state.focus = panel
        case (.runRow(let id), .press), (.runRow(let id), .release):
            state.focus = .runs
            state.selectedRunID = id
        case (.curve(let fraction, let id), .press):
            state.focus = .curves
            state.cursorFraction = fraction
            if let id { state.selectedRunID = id }
        case (.curve(let fraction, _), .release):
            if state.cursorFraction != nil { state.cursorFraction = fraction }
        case (.runRow, .wheelUp), (.panel(.runs), .wheelUp):
            KeyBindings.selectRun(offset: -3, state: &state, visible: visibleRunIDs)
        case (.runRow, .wheelDown), (.panel(.runs), .wheelDown):
            KeyBindings.selectRun(offset: 3, state: &state, visible: visibleRunIDs)
        case (.curve, .wheelUp):
            KeyBindings.moveCursor(0.02, state: &state)
        case (.curve, .wheelDown):
            KeyBindings.moveCursor(-0.02, state: &state)
        default:
            return false
        }
        if state != before { state.notice = nil }
        return state != before
    }

    // MARK: - The study

    private mutating func takeStudy(_ snapshot: StudySnapshot, at now: DashboardTime) {
        if snapshot.followLabel != followLabel || snapshot.feedAlert != feedAlert || snapshot.loading != loading {
            followLabel = snapshot.followLabel
            feedAlert = snapshot.feedAlert
            loading = snapshot.loading
            needsDraw = true
        }
        guard snapshot.generation != generation else { return }
        generation = snapshot.generation
        // Problems are matched to runs again only when they or the set of runs changed.
        let sameRuns = snapshot.runs.count == runs.count && runs.indices.allSatisfy { snapshot.runs[$0].id == runs[$0].id }
        if snapshot.issues != issues || !sameRuns {
            issues = snapshot.issues
            issueCounts = IssueAttribution.counts(issues, runIDs: snapshot.runs.map(\.id))
        }
        runs = snapshot.runs
        // The rows and summaries of the last generation are let go first, so that the cache
        // updates its summaries in place instead of copying all of them (10,000 at a time).
        visibleCache = nil
        summaries = []
        summaries = summaryCache.summaries(of: runs, issueCounts: issueCounts, now: now.wall)
        if !state.xAxisChosen { state.settleDefaultAxis(withTokens: axisTally.withTokens(runs), of: runs.count) }
        // Lag is how far the dashboard trails a live append, not how long a first load takes.
        if loadedOnce && loading == nil { measureIngestLag(now: now.wall) }
        if loading == nil { loadedOnce = true }
        needsDraw = true
    }

    /// "fits: 25 finished runs, 1.9 s".
    private static func fitsStatus(_ fits: StudyFits) -> String {
        "fits: \(fits.finishedRunCount) finished runs, \(NumberFormat.short(fits.seconds, digits: 2)) s"
    }

    /// Look at staleness again when its interval is up; a run turning stale is a change of
    /// the study (redraw, refit).
    private mutating func refreshStatuses(at now: DashboardTime) {
        guard let last = lastStatusCheck else {
            lastStatusCheck = now.monotonic
            return
        }
        guard now.monotonic - last >= timing.statusRefresh else { return }
        lastStatusCheck = now.monotonic
        let before = summaries.map(\.status)
        summaries = summaryCache.summaries(of: runs, issueCounts: issueCounts, now: now.wall)
        if summaries.map(\.status) != before {
            statusChecks += 1
            fittedGeneration = -1
            needsDraw = true
        }
    }

    /// The least time from one fit's start to the next: the debounce, or four times what the
    /// last fit took, so that on a large study under a stream of appends the fit thread is
    /// busy a quarter of the time at most instead of always.
    private var fitSpacing: Double { max(timing.fitDebounce, 4 * lastFitDuration) }

    /// A newly selected running run left out of the forecasts (a study with more running
    /// runs than are forecast) is forecast at the next fit: fits are kept, so that costs one
    /// forecast.
    private mutating func forecastSelectedRun() {
        guard let id = state.selectedRunID, forecasts[id] == nil,
              let run = runs.first(where: { $0.id == id }), !run.isFinished, !run.points.isEmpty else { return }
        fittedGeneration = -1
    }

    /// A fit is owed when the study changed since the last one, the debounce has passed and
    /// none is running.
    private mutating func fitRequest(at now: DashboardTime) -> FitRequest? {
        guard generation >= 0, loading == nil, fittedGeneration != generation, !fitInFlight,
              now.monotonic - lastFitRequest >= fitSpacing else { return nil }
        fittedGeneration = generation
        lastFitRequest = now.monotonic
        fitInFlight = true
        fitsAwaitingForecasts = false
        if fitStatus.isEmpty {
            fitStatus = "fitting…"
            needsDraw = true
        }
        return FitRequest(runs: runs, issueCounts: issueCounts, now: now.wall, generation: generation,
                          selectedRunID: state.selectedRunID)
    }

    /// Seconds from the newest file change to now, just after the dashboard took it in: how
    /// far it trails the training job. Ignored when no file changed in the last minute (a
    /// reload, not a live append).
    private mutating func measureIngestLag(now: Double) {
        guard let newest = runs.compactMap(\.lastModified).max() else { return }
        let lag = now - newest
        if lag >= 0 && lag < 60 { ingestLag = lag }
    }
}
