import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The runs table's order (sort key, direction, grouping) applied to the filtered runs.
/// The curves panel and the cursor's j/k use the same order.
enum RunOrdering {
    /// The places `rows` (in `summaries`) in table order. `previous`, the order worked out
    /// for the last generation, is returned as it is when it holds the same places and is
    /// still in order, and put back in order when a few rows moved (`repaired`): the
    /// comparison ends on the run's id, so no two rows tie and a list in order is the one
    /// sorting gives. Why: a line appended to one run of 10,000 moves that run at most, and
    /// sorting them again at every line was a few per cent of its CPU (perf, issue 16);
    /// checking is one comparison per row.
    static func order(_ rows: [Int], summaries: [RunSummary], state: DashboardState, previous: [Int]? = nil) -> [Int] {
        // Each row's group and sort values worked out once, as plain values: at 10,000 runs
        // a comparison that reads two summaries copies a dozen references (perf: the sort
        // was most of an append's UI work), and formatting a group's label in every
        // comparison was most of a frame before that.
        var keys = Array(repeating: SortKey(), count: summaries.count)
        summaries.withUnsafeBufferPointer { summaries in
            for place in rows { keys[place] = SortKey(summaries, place, by: state.sortKey, grouping: state.grouping) }
        }
        func before(_ i: Int, _ j: Int) -> Bool {
            let a = keys[i], b = keys[j]
            if a.group != b.group { return a.group < b.group }
            let c = a.compare(b)
            if c != 0 { return state.sortDescending ? c > 0 : c < 0 }
            return a.id < b.id
        }
        if let previous, samePlaces(previous, rows, count: summaries.count),
           let repaired = repaired(previous, before: before) {
            return repaired
        }
        return rows.sorted(by: before)
    }

    /// `previous` back in order when only a few of its rows are out of place, nil when more
    /// are (then sorting is as cheap). Why: sorted by size then tokens, every run that logs
    /// a line moves after the runs of its size that have fewer tokens, so at 10,000 runs
    /// keeping the order only when nothing moved sorted them all at most lines (10% of an
    /// appended line's CPU in the scale benchmark's study, perf).
    ///
    /// The order is total (it ends on the id), so a list is sorted exactly when each
    /// neighbouring pair is. The rows on both sides of every pair out of order are taken
    /// out; when the rest is in order (checked, not assumed), each taken row goes back at
    /// the place a binary search finds, which gives the one sorted list.
    static func repaired(_ previous: [Int], limit: Int = 32, before: (Int, Int) -> Bool) -> [Int]? {
        var taken: [Int] = []
        var isTaken = [Bool](repeating: false, count: previous.count)
        for i in previous.indices.dropFirst() where !before(previous[i - 1], previous[i]) {
            for j in [i - 1, i] where !isTaken[j] {
                isTaken[j] = true
                taken.append(previous[j])
            }
            if taken.count > limit { return nil }
        }
        if taken.isEmpty { return previous }
        var rest: [Int] = []
        rest.reserveCapacity(previous.count)
        for (i, place) in previous.enumerated() where !isTaken[i] {
            if let last = rest.last, !before(last, place) { return nil }
            rest.append(place)
        }
        for place in taken {
            var low = 0, high = rest.count
            while low < high {
                let mid = (low + high) / 2
                if before(rest[mid], place) { low = mid + 1 } else { high = mid }
            }
            rest.insert(place, at: low)
        }
        return rest
    }

    /// Whether `a` and `b` hold the same places (each below `count`, none twice in either).
    static func samePlaces(_ a: [Int], _ b: [Int], count: Int) -> Bool {
        guard a.count == b.count else { return false }
        var seen = [Bool](repeating: false, count: count)
        for place in b {
            guard place >= 0, place < count, !seen[place] else { return false }
            seen[place] = true
        }
        for place in a {           // each of b's places once
            guard place >= 0, place < count, seen[place] else { return false }
            seen[place] = false
        }
        return true
    }

    /// What a row is sorted by, as values: the group's position, then one or two numbers
    /// (size then tokens; tokens; loss) or a text (name, status). Unknown values sort after
    /// known ones (before them when the order is descending: `order` flips the comparison).
    struct SortKey {
        var group = 0.0
        var first: Double?
        var second: Double?
        var text: String?
        /// The run's id: the last tie-break.
        var id = ""

        init() {}

        /// `summaries[place]`'s key, read in place (a summary passed whole is a copy).
        init(_ summaries: UnsafeBufferPointer<RunSummary>, _ place: Int, by key: RunSortKey, grouping: RunGrouping) {
            group = RunOrdering.groupOrder(of: summaries, place, by: grouping)
            id = summaries[place].id
            switch key {
            case .name: text = summaries[place].name
            case .size: (first, second) = (summaries[place].parameters, summaries[place].tokens)
            case .tokens: first = summaries[place].tokens
            case .loss: first = summaries[place].lastLoss
            case .status: text = summaries[place].status.rawValue
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
        groupOrder(parameters: s.parameters, compute: s.plannedFlops ?? s.flops, by: grouping)
    }

    static func groupOrder(of summaries: UnsafeBufferPointer<RunSummary>, _ place: Int, by grouping: RunGrouping) -> Double {
        groupOrder(parameters: summaries[place].parameters, compute: summaries[place].plannedFlops ?? summaries[place].flops,
                   by: grouping)
    }

    /// From the two fields a group depends on: the size, and the planned (else current) compute.
    private static func groupOrder(parameters: Double?, compute: Double?, by grouping: RunGrouping) -> Double {
        switch grouping {
        case .none: return 0
        case .size: return parameters ?? .infinity
        case .budget:
            guard let c = compute, c > 0 else { return .infinity }
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
