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
        // In place (no copy of each run: this runs at every appended line).
        let withTokens = runs.withUnsafeBufferPointer { runs in runs.indices.reduce(0) { $0 + (runs[$1].supports(.tokens) ? 1 : 0) } }
        xAxis = withTokens * 2 >= runs.count ? .tokens : .step
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
