import Testing
@testable import Charts
@testable import RunIngest
@testable import StudyAnalysis

/// The frontier panel finds which points are visible runs' by walking the points and the
/// study's runs in order; whatever the study did since the fit, it must say what a set of
/// the visible ids says.
@Suite struct FrontierVisibilityTests {
    static func runs(_ ids: [String]) -> [Run] { ids.map { Run(id: $0, name: $0) } }
    static func points(_ ids: [String]) -> [StudyFits.Frontier.Point] {
        ids.map { StudyFits.Frontier.Point(runID: $0, flops: 1, loss: 1, status: .finished) }
    }

    @Test func walkingInOrderSaysWhatASetOfVisibleIDsSays() {
        let ids = (0..<12).map { "r\($0)" }
        let cases: [(what: String, runs: [String], order: [Int], points: [String])] = [
            ("every run, every point", ids, Array(0..<12), ids),
            ("some points left out by the fit", ids, Array(0..<12), ["r1", "r2", "r5", "r11"]),
            ("a filter, sorted otherwise", ids, [11, 3, 5, 0], ["r0", "r3", "r4", "r5", "r10", "r11"]),
            ("no run visible", ids, [], ids),
            ("a run gone since the fit", ids.filter { $0 != "r4" }, Array(0..<11), ids),
            ("runs reordered since the fit", ids.reversed(), Array(0..<12), ["r2", "r7", "r9"]),
            ("a run added since the fit", ["r0", "new"] + ids.dropFirst(), Array(0..<13), ["r0", "r1", "r6"]),
            ("no points", ids, Array(0..<12), []),
        ]
        for c in cases {
            let runs = Self.runs(c.runs)
            let visible = VisibleRuns(runs: runs, summaries: runs.map { RunSummary(id: $0.id, name: $0.name) }, order: c.order)
            let points = Self.points(c.points)
            let ids = Set(c.order.map { c.runs[$0] })
            #expect(FrontierPanel.visiblePoints(points, of: visible) == points.map { ids.contains($0.runID) }, "\(c.what)")
        }
    }
}
