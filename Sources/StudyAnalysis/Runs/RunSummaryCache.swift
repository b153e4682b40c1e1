import RunIngest

/// Each run's summary for the tables and filters, computed once per change of that run
/// (its `revision`) or of its problem count, not per frame or key press. Only the status is
/// worked out again at every call, since it changes with the clock alone (a run turns stale).
/// The thinned compute curve is left out: the fit thread builds that from the runs itself.
public struct RunSummaryCache: Sendable {
    private struct Entry: Sendable {
        var revision: Int
        var issueCount: Int
        var summary: RunSummary
    }

    private var entries: [String: Entry] = [:]
    public let staleAfterSeconds: Double

    public init(staleAfterSeconds: Double = 600) {
        self.staleAfterSeconds = staleAfterSeconds
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
                                                  issueCount: issues, includeCurve: false))
                recomputed += 1
            }
            kept[run.id] = entry
            return entry.summary
        }
        entries = kept
        return result
    }
}
