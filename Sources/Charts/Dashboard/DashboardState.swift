import RunIngest
import StudyAnalysis

/// What the person looking at the dashboard has chosen: a value, changed by key presses
/// (`Terminal.KeyBindings`) and read by `DashboardView`.
public struct DashboardState: Sendable, Equatable {
    public var xAxis: XAxisQuantity = .tokens
    public var logX = true
    public var logY = true
    public var showHelp = false
    /// The list of parse errors with file:line (`e`).
    public var showErrors = false
    /// Which of the loaded themes is shown (`t` cycles).
    public var themeIndex = 0
    /// Set once the person picks an axis, so the automatic choice stops overriding it.
    public var xAxisChosen = false

    public var focus: DashboardPanel = .curves
    /// The focused panel fills the screen (`z`).
    public var zoomed = false

    /// The applied filter (`/`), parsed once when it is set rather than at every frame. Text
    /// that does not parse (the filter line refuses it; `export --filter` checks it first)
    /// filters nothing.
    public var runFilter = RunFilter.all
    public var filter: String {
        get { runFilter.text }
        set { runFilter = (try? RunFilter(newValue)) ?? RunFilter.all }
    }
    /// The text being typed while the filter line is open.
    public var filterDraft: String?
    public var filterError: String?

    /// The run the cursor is on (runs table row, curve drawn on top and read by the cursor).
    public var selectedRunID: String?
    /// The curve cursor's position as a fraction of the plot width; nil when hidden.
    public var cursorFraction: Double?

    /// Weight of the past in the debiased EMA (0 = off); `m` cycles through `smoothingSteps`.
    public var smoothing = 0.0
    public static let smoothingSteps = [0, 0.6, 0.8, 0.9, 0.95, 0.99]

    public var sortKey: RunSortKey = .size
    public var sortDescending = false
    public var grouping: RunGrouping = .none
    /// First row of the runs table shown (it scrolls to keep the selected run visible).
    public var tableScroll = 0

    /// What the what-if panel is asked (budget, hardware, constraints), the prompt being
    /// typed (`b`), and why the last typed line was refused.
    public var whatIf = WhatIfInputs()
    public var whatIfDraft: String?
    public var whatIfError: String?

    /// Where the last export went, or why it failed; cleared by the next key.
    public var notice: StatusNotice?

    public init() {}

    /// The next x axis that at least one run can be drawn on.
    public mutating func cycleXAxis(runs: [Run]) {
        let all = XAxisQuantity.allCases
        var index = all.firstIndex(of: xAxis) ?? 0
        for _ in all {
            index = (index + 1) % all.count
            if runs.isEmpty || runs.contains(where: { $0.supports(all[index]) }) { break }
        }
        xAxis = all[index]
        // Log-log for tokens and FLOPs; wall time and steps start linear-x only if chosen.
        logX = xAxis != .wallTime
        xAxisChosen = true
    }

    /// Until the person chooses, show tokens when most runs have them, else steps.
    public mutating func settleDefaultAxis(runs: [Run]) {
        guard !xAxisChosen, !runs.isEmpty else { return }
        var tally = AxisSupportTally()
        settleDefaultAxis(withTokens: tally.withTokens(runs), of: runs.count)
    }

    /// The same, from a count of the runs drawable by tokens (`AxisSupportTally`).
    public mutating func settleDefaultAxis(withTokens: Int, of total: Int) {
        guard !xAxisChosen, total > 0 else { return }
        xAxis = withTokens * 2 >= total ? .tokens : .step
    }

    public mutating func toggleLogScale() {
        let both = logX && logY
        logX = !both
        logY = !both
    }

    public mutating func cycleSmoothing() {
        let steps = DashboardState.smoothingSteps
        let next = steps.firstIndex(where: { $0 > smoothing + 1e-9 }) ?? 0
        smoothing = steps[next]
    }

    public mutating func focusNext(_ step: Int) {
        let all = DashboardPanel.allCases
        focus = all[(focus.rawValue + step + all.count) % all.count]
    }
}

/// How many runs can be drawn by tokens, each run's answer kept by its store revision: the
/// default axis is settled at every snapshot while the person has not chosen one, and asking
/// all 10,000 runs each time was 6% of an appended line's CPU (perf, issue 16).
public struct AxisSupportTally: Sendable {
    private var ids: [String] = []
    private var revisions: [Int] = []
    private var supports: [Bool] = []
    private var count = 0

    public init() {}

    /// Runs of `runs` drawable by tokens, asking again only the runs changed since the last call.
    public mutating func withTokens(_ runs: [Run]) -> Int {
        if runs.count != ids.count {
            ids = Array(repeating: "", count: runs.count)
            revisions = Array(repeating: .min, count: runs.count)
            supports = Array(repeating: false, count: runs.count)
            count = 0
        }
        runs.withUnsafeBufferPointer { runs in
            for i in runs.indices {
                let revision = runs[i].revision
                // Revision 0: a run no store tracks, which may have changed without saying so.
                if revision != 0 && revision == revisions[i] && runs[i].id == ids[i] { continue }
                let answer = runs[i].supports(.tokens)
                count += (answer ? 1 : 0) - (supports[i] ? 1 : 0)
                (ids[i], revisions[i], supports[i]) = (runs[i].id, revision, answer)
            }
        }
        return count
    }
}
