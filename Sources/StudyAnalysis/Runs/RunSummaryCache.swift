import RunIngest

/// Each run's summary for the tables and filters, computed once per change of that run
/// (its `revision`) or of its problem count, not per frame or key press. Only the status is
/// worked out again at every call, since it changes with the clock alone (a run turns stale).
/// The table's cache leaves the thinned compute curve out; the fit thread keeps its own
/// cache with the curves in (`includeCurve`), so a fit thins only the runs that changed.
///
/// Kept in the runs' order, as arrays: an appended line leaves every run in its place, so a
/// call compares each run with the entry at its place and updates the summaries in place
/// (a new or removed run moves the others: the entries are then realigned by id, once).
/// Why not a dictionary by id: at 10,000 runs, hashing every id and building a new
/// dictionary and array of summaries at every appended line was 9% of its CPU (perf,
/// issue 16).
public struct RunSummaryCache: Sendable {
    private var ids: [String] = []
    private var revisions: [Int] = []
    private var issueCounts: [Int] = []
    /// Each run's status as far as the clock cannot change it (`RunSummary.timelessStatus`).
    private var timeless: [RunStatus?] = []
    private var summaries: [RunSummary] = []
    public let staleAfterSeconds: Double
    public let includeCurve: Bool

    public init(staleAfterSeconds: Double = 600, includeCurve: Bool = false) {
        self.staleAfterSeconds = staleAfterSeconds
        self.includeCurve = includeCurve
    }

    /// How many summaries the last `summaries` call computed afresh (for tests and profiles).
    public private(set) var recomputed = 0

    /// The summaries of `runs`, in their order, at wall-clock time `now`.
    public mutating func summaries(of runs: [Run], issueCounts counts: [String: Int], now: Double) -> [RunSummary] {
        recomputed = 0
        if runs.count != ids.count || !runs.indices.allSatisfy({ runs[$0].id == ids[$0] }) {
            realign(to: runs)
        }
        // Runs read in place: an array's element passed to a call is copied, a dozen retains.
        runs.withUnsafeBufferPointer { runs in update(runs, issueCounts: counts, now: now) }
        return summaries
    }

    private mutating func update(_ runs: UnsafeBufferPointer<Run>, issueCounts counts: [String: Int], now: Double) {
        for i in runs.indices {
            let issues = counts.isEmpty ? 0 : counts[runs[i].id] ?? 0
            // Revision 0: a run no store tracks, which can change without a revision.
            if runs[i].revision == 0 || revisions[i] != runs[i].revision || issueCounts[i] != issues {
                summaries[i] = RunSummary(run: runs[i], now: now, staleAfterSeconds: staleAfterSeconds,
                                          issueCount: issues, includeCurve: includeCurve)
                revisions[i] = runs[i].revision
                issueCounts[i] = issues
                timeless[i] = RunSummary.timelessStatus(of: runs[i])
                recomputed += 1
            } else {
                // The run is as it was: only its files' age can move its status.
                let status = timeless[i] ?? RunSummary.status(lastModified: runs[i].lastModified, now: now,
                                                               staleAfterSeconds: staleAfterSeconds)
                if summaries[i].status != status { summaries[i].status = status }
            }
        }
    }

    /// Entries moved to the runs' places (runs removed or reordered); a run not seen before
    /// gets an entry that the next look recomputes.
    private mutating func realign(to runs: [Run]) {
        var placeByID: [String: Int] = [:]
        placeByID.reserveCapacity(ids.count)
        for (place, id) in ids.enumerated() where placeByID[id] == nil { placeByID[id] = place }
        var moved = RunSummaryCache(staleAfterSeconds: staleAfterSeconds, includeCurve: includeCurve)
        // Exactly the room the runs need: grown by appending, the summaries (the largest
        // array, several hundred bytes a run) had up to twice that (heaptrack, issue 16).
        moved.ids.reserveCapacity(runs.count)
        moved.revisions.reserveCapacity(runs.count)
        moved.issueCounts.reserveCapacity(runs.count)
        moved.timeless.reserveCapacity(runs.count)
        moved.summaries.reserveCapacity(runs.count)
        for i in runs.indices {
            let id = runs[i].id
            moved.ids.append(id)
            if let old = placeByID[id] {
                moved.revisions.append(revisions[old])
                moved.issueCounts.append(issueCounts[old])
                moved.timeless.append(timeless[old])
                moved.summaries.append(summaries[old])
            } else {
                moved.revisions.append(.min)
                moved.issueCounts.append(.min)
                moved.timeless.append(nil)
                moved.summaries.append(RunSummary(id: id, name: runs[i].name))
            }
        }
        self = moved
    }
}
