import Dispatch
import RunIngest

extension CurveCache {
    /// Brings the curves of `runs[places]` up to date before a frame looks them up, the new
    /// points of different runs drawn on every core. Why: while a study loads, drawing each
    /// new point (log10 of x and y, into the run's sketch) was half of the UI thread's CPU
    /// with the second core idle, the parse being done by then (perf, loading 1,000 runs ×
    /// 100,000 points, issue 16). Each entry is fed by one thread and reads only its run;
    /// the entries are found and stored here, on the UI thread, before the threads start.
    /// Does nothing for fewer than `parallelFeedAbove` new points: `curve(of:at:…)` then
    /// draws them as it finds them.
    public func update(_ runs: UnsafeBufferPointer<Run>, places: some Sequence<Int>, quantity: XAxisQuantity,
                       logX: Bool, logY: Bool, smoothing: Double) {
        var work: [(entry: Entry, place: Int)] = []
        var newPoints = 0
        var queued = Set<ObjectIdentifier>()   // one job per entry, even if two runs share an id
        for place in places {
            let count = runs[place].points.count
            let key = Self.key(of: runs, at: place, quantity, logX, logY, smoothing)
            // Unchanged since the last frame's lookup: found by place, no id hashed (a
            // rebuild passes every run; 10,000 hashes per frame otherwise, perf, issue 16).
            if rememberedEntry(runs, at: place, key: key) != nil { continue }
            let id = EntryID(run: runs[place].id, quantity: quantity, smoothing: smoothing)
            // A kept entry that has every point of the run: nothing to draw (looked at no further).
            if let kept = entries[id], kept.key == key, kept.count == count { continue }
            let e = lookUp(runs[place], key: key)
            guard count > e.count, queued.insert(ObjectIdentifier(e)).inserted else { continue }
            work.append((e, place))
            newPoints += count - e.count
        }
        guard work.count >= 2, newPoints >= parallelFeedAbove else { return }
        let jobs = FeedJobs(runs: runs, work: work)
        DispatchQueue.concurrentPerform(iterations: work.count) { jobs.run($0) }
        entriesFedInParallel += work.count
    }
}

/// The entries to feed and the runs they read, shared by `concurrentPerform`'s threads:
/// each job touches one entry (a distinct object per job) and reads its run, and
/// `concurrentPerform` returns only when all are done, so no lock is needed. Unchecked
/// because the entries are classes the compiler cannot prove disjoint.
private final class FeedJobs: @unchecked Sendable {
    let runs: UnsafeBufferPointer<Run>
    let work: [(entry: CurveCache.Entry, place: Int)]

    init(runs: UnsafeBufferPointer<Run>, work: [(entry: CurveCache.Entry, place: Int)]) {
        self.runs = runs
        self.work = work
    }

    func run(_ job: Int) { CurveCache.feed(work[job].entry, from: runs[work[job].place]) }
}
