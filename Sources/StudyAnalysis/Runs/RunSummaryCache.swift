import RunIngest

/// Each run's summary for the tables and filters, computed once per change of that run
/// (its `revision`) or of its problem count, not per frame or key press. Only the status is
/// worked out again at every call, since it changes with the clock alone (a run turns stale).
/// The table's cache leaves the thinned compute curve out; the fit thread keeps its own
/// cache with the curves in (`includeCurve`), so a fit thins only the runs that changed.
public struct RunSummaryCache: Sendable {
    private struct Entry: Sendable {
        var revision: Int
        var issueCount: Int
        var summary: RunSummary
    }

    private var entries: [String: Entry] = [:]
    public let staleAfterSeconds: Double
    public let includeCurve: Bool

    public init(staleAfterSeconds: Double = 600, includeCurve: Bool = false) {
        self.staleAfterSeconds = staleAfterSeconds
        self.includeCurve = includeCurve
    }

    /// How many summaries the last `summaries` call computed afresh (for tests and profiles).
    public private(set) var recomputed = 0

    /// The summaries of `runs`, in their order, at wall-clock time `now`.
    public mutating func summaries(of runs: [Run], issueCounts: [String: Int], now: Double) -> [RunSummary] {
        recomputed = 0
        var kept: [String: Entry] = [:]
        kept.reserveCapacity(runs.count)
        let result = runs.map { run -> RunSummary in
            let issues = issueCounts[run.id] ?? 0
            var entry: Entry
            if let old = entries[run.id], old.revision == run.revision, old.issueCount == issues {
                entry = old
                entry.summary.status = RunSummary.status(of: run, now: now, staleAfterSeconds: staleAfterSeconds)
            } else {
                entry = Entry(revision: run.revision, issueCount: issues,
                              summary: RunSummary(run: run, now: now, staleAfterSeconds: staleAfterSeconds,
                                                  issueCount: issues, includeCurve: includeCurve))
                recomputed += 1
            }
            kept[run.id] = entry
            return entry.summary
        }
        entries = kept
        return result
    }
}
