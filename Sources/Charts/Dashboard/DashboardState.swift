import RunIngest

/// What the person looking at the dashboard has chosen: a value, changed by key presses
/// (`Terminal.KeyBindings`) and read by `DashboardView`.
public struct DashboardState: Sendable, Equatable {
    public var xAxis: XAxisQuantity = .tokens
    public var logX = true
    public var logY = true
    public var showHelp = false
    /// Which of the loaded themes is shown (`t` cycles).
    public var themeIndex = 0
    /// Set once the person picks an axis, so the automatic choice stops overriding it.
    public var xAxisChosen = false

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
        let withTokens = runs.filter { $0.supports(.tokens) }.count
        xAxis = withTokens * 2 >= runs.count ? .tokens : .step
    }

    public mutating func toggleLogScale() {
        let both = logX && logY
        logX = !both
        logY = !both
    }
}
