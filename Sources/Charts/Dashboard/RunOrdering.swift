import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The runs table's order (sort key, direction, grouping) applied to the filtered runs.
/// The curves panel and the cursor's j/k use the same order.
enum RunOrdering {
    static func ordered(_ rows: [(run: Run, summary: RunSummary)], state: DashboardState) -> [(run: Run, summary: RunSummary)] {
        // Sorted as indices with each row's group worked out once: this runs every frame, and
        // at 10,000 runs moving the rows themselves and formatting a group's label in every
        // comparison was most of the frame.
        let groups = rows.map { groupOrder(of: $0.summary, by: state.grouping) }
        let order = rows.indices.sorted { i, j in
            if groups[i] != groups[j] { return groups[i] < groups[j] }
            let a = rows[i].summary, b = rows[j].summary
            let c = compare(a, b, by: state.sortKey)
            if c != 0 { return state.sortDescending ? c > 0 : c < 0 }
            return a.id < b.id
        }
        return order.map { rows[$0] }
    }

    /// A group's sort position (`group(of:by:)` without the label).
    static func groupOrder(of s: RunSummary, by grouping: RunGrouping) -> Double {
        switch grouping {
        case .none: return 0
        case .size: return s.parameters ?? .infinity
        case .budget:
            guard let c = s.plannedFlops ?? s.flops, c > 0 else { return .infinity }
            return (log10(c) * 4).rounded() / 4
        }
    }

    /// A group's sort position and its header.
    static func group(of s: RunSummary, by grouping: RunGrouping) -> (order: Double, label: String) {
        let order = groupOrder(of: s, by: grouping)
        switch grouping {
        case .none:
            return (order, "")
        case .size:
            guard let n = s.parameters else { return (order, "size unknown") }
            return (order, "N = " + NumberFormat.short(n))
        case .budget:
            // Budgets to the nearest quarter decade, so runs planned to 1e20 and 1.1e20 share one.
            guard order.isFinite else { return (order, "compute unknown") }
            return (order, "C ≈ " + NumberFormat.short(pow(10, order)) + " FLOPs")
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
