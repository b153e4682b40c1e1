import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The runs table's order (sort key, direction, grouping) applied to the filtered runs.
/// The curves panel and the cursor's j/k use the same order.
enum RunOrdering {
    /// The places `rows` (in `summaries`) in table order.
    static func order(_ rows: [Int], summaries: [RunSummary], state: DashboardState) -> [Int] {
        // Each row's group and sort values worked out once, as plain values: at 10,000 runs
        // a comparison that reads two summaries copies a dozen references (perf: the sort
        // was most of an append's UI work), and formatting a group's label in every
        // comparison was most of a frame before that.
        let keys = rows.map { SortKey(summaries[$0], by: state.sortKey, grouping: state.grouping) }
        let ids = rows.map { summaries[$0].id }
        let positions = rows.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.group != b.group { return a.group < b.group }
            let c = a.compare(b)
            if c != 0 { return state.sortDescending ? c > 0 : c < 0 }
            return ids[i] < ids[j]
        }
        return positions.map { rows[$0] }
    }

    /// What a row is sorted by, as values: the group's position, then one or two numbers
    /// (size then tokens; tokens; loss) or a text (name, status). Unknown values sort after
    /// known ones (before them when the order is descending: `order` flips the comparison).
    struct SortKey {
        var group: Double
        var first: Double?
        var second: Double?
        var text: String?

        init(_ s: RunSummary, by key: RunSortKey, grouping: RunGrouping) {
            group = RunOrdering.groupOrder(of: s, by: grouping)
            switch key {
            case .name: text = s.name
            case .size: (first, second) = (s.parameters, s.tokens)
            case .tokens: first = s.tokens
            case .loss: first = s.lastLoss
            case .status: text = s.status.rawValue
            }
        }

        /// -1, 0 or 1; unknown values sort last.
        func compare(_ other: SortKey) -> Int {
            let c = RunOrdering.order(first, other.first)
            if c != 0 { return c }
            let d = RunOrdering.order(second, other.second)
            return d != 0 ? d : RunOrdering.order(text, other.text)
        }
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

    /// -1, 0 or 1; nil after any value.
    static func order<T: Comparable>(_ x: T?, _ y: T?) -> Int {
        switch (x, y) {
        case let (x?, y?): return x < y ? -1 : (x > y ? 1 : 0)
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        }
    }
}
