import RunIngest
import StudyAnalysis

/// The runs that pass the filter, in the runs table's order: places in the study's arrays,
/// read as (run, summary) pairs. Why not the pairs themselves: at 10,000 runs, copying every
/// pair (a run and its summary hold a dozen references) for the filter, the sort and each
/// frame was a fifth of the CPU an appended line cost (perf); the arrays are shared, not
/// copied.
public struct VisibleRuns: RandomAccessCollection, Sendable {
    public let runs: [Run]
    /// One per run, same order as `runs`.
    public let summaries: [RunSummary]
    /// Places in `runs`, in table order.
    public let order: [Int]

    /// `order`: places valid in both arrays.
    public init(runs: [Run], summaries: [RunSummary], order: [Int]) {
        self.runs = runs
        self.summaries = summaries
        self.order = order
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(position: Int) -> (run: Run, summary: RunSummary) {
        let i = order[position]
        return (runs[i], summaries[i])
    }

    /// The run alone (no copy of the summary).
    public func run(at position: Int) -> Run { runs[order[position]] }

    /// The summary alone (no copy of the run).
    public func summary(at position: Int) -> RunSummary { summaries[order[position]] }

    /// The run's id alone.
    public func runID(at position: Int) -> String { runs[order[position]].id }

    public var runIDs: [String] { order.map { runs[$0].id } }
}
