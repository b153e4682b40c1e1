import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The runs table's order (sort key, direction, grouping) applied to the filtered runs.
/// The curves panel and the cursor's j/k use the same order.
enum RunOrdering {
    static func ordered(_ rows: [(run: Run, summary: RunSummary)], state: DashboardState) -> [(run: Run, summary: RunSummary)] {
        rows.sorted { a, b in
            let ga = group(of: a.summary, by: state.grouping), gb = group(of: b.summary, by: state.grouping)
            if ga.order != gb.order { return ga.order < gb.order }
            let c = compare(a.summary, b.summary, by: state.sortKey)
            if c != 0 { return state.sortDescending ? c > 0 : c < 0 }
            return a.summary.id < b.summary.id
        }
    }

    /// A group's sort position and its header.
    static func group(of s: RunSummary, by grouping: RunGrouping) -> (order: Double, label: String) {
        switch grouping {
        case .none:
            return (0, "")
        case .size:
            guard let n = s.parameters else { return (.infinity, "size unknown") }
            return (n, "N = " + NumberFormat.short(n))
        case .budget:
            // Budgets to the nearest quarter decade, so runs planned to 1e20 and 1.1e20 share one.
            guard let c = s.plannedFlops ?? s.flops, c > 0 else { return (.infinity, "compute unknown") }
            let rounded = (log10(c) * 4).rounded() / 4
            return (rounded, "C ≈ " + NumberFormat.short(pow(10, rounded)) + " FLOPs")
        }
    }

    /// -1, 0 or 1; unknown values sort last.
    static func compare(_ a: RunSummary, _ b: RunSummary, by key: RunSortKey) -> Int {
        func order<T: Comparable>(_ x: T?, _ y: T?) -> Int {
            switch (x, y) {
            case let (x?, y?): return x < y ? -1 : (x > y ? 1 : 0)
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            }
        }
        switch key {
        case .name: return order(a.name, b.name)
        case .size: return order(a.parameters, b.parameters) != 0 ? order(a.parameters, b.parameters) : order(a.tokens, b.tokens)
        case .tokens: return order(a.tokens, b.tokens)
        case .loss: return order(a.lastLoss, b.lastLoss)
        case .status: return order(a.status.rawValue, b.status.rawValue)
        }
    }
}
