extension TailedRuns {
    /// Read what is new in a run's files into the store. A file truncated, replaced or
    /// re-created makes the run be read afresh from all its files, as `scaletop runs` would
    /// read it; the fresh reading replaces the points read before once it holds any.
    /// Returns true when the metadata the logs carry changed (the run's metadata must be
    /// resolved again).
    func read(_ id: String) -> Bool {
        guard var run = runs[id] else { return false }
        if run.tailers.count > 1, case .wholeFile = run.claim.reading {
            readRewrittenFiles(id)
            return false
        }
        // Points of a several-file run follow the files' order; if an earlier file changed
        // (rare: old event files do not grow), read them all again in order.
        let earlierChanged = run.tailers.count > 1
            && run.tailers.dropLast().contains(where: { $0.hasChanged() && $0.identity != nil })
        if earlierChanged || run.tailers.contains(where: { $0.needsRestart() }) {
            return reread(id)
        }
        var logMetadataChanged = false
        store.update(id: id) { stored in
            var changed = false
            var fresh = run.pending
            for i in run.tailers.indices {
                let before = run.tailers[i].logMetadata
                let report: (ParseIssue) -> Void = { self.store.record($0) }
                if fresh != nil {
                    if run.tailers[i].poll(into: &fresh!, report: report) { changed = true }
                } else if run.tailers[i].poll(into: &stored, report: report) {
                    changed = true
                }
                if run.tailers[i].logMetadata != before { logMetadataChanged = true }
            }
            if let reading = fresh {
                if reading.points.isEmpty {
                    run.pending = reading
                } else {
                    stored.points = reading.points
                    run.pending = nil
                    changed = true
                }
            }
            if let newest = Self.newestModification(run.tailers), newest != stored.lastModified {
                stored.lastModified = newest
                changed = true
            }
            return changed
        }
        runs[id] = run
        for tailer in run.tailers { store.setStanding(tailer.standing, file: tailer.displayPath) }
        return logMetadataChanged
    }

    /// Read a run again from the start of all its files. The points read before stay until
    /// the new reading holds a point (a log truncated to nothing keeps its curve on screen
    /// until the restarted writer logs again). Returns what `read` returns.
    func reread(_ id: String) -> Bool {
        guard var run = runs[id] else { return false }
        for i in run.tailers.indices { run.tailers[i].rewind() }
        run.pending = Run(id: run.claim.id, name: run.claim.name)
        runs[id] = run
        return read(id)
    }

    /// A run of several files each rewritten whole (a resumed Lightning run's `version_N`
    /// folders): when any changes, the run is the files' points stitched again in order.
    private func readRewrittenFiles(_ id: String) {
        guard var run = runs[id] else { return }
        var changed = false
        for i in run.tailers.indices where run.tailers[i].refreshWholeFile() {
            changed = true
        }
        runs[id] = run
        for tailer in run.tailers { store.setStanding(tailer.standing, file: tailer.displayPath) }
        let newest = Self.newestModification(run.tailers)
        store.update(id: id) { stored in
            if changed { stored.points = LightningVersions.stitched(run.tailers.map(\.wholeFilePoints)) }
            guard let newest, newest != stored.lastModified else { return changed }
            stored.lastModified = newest
            return true
        }
    }

    /// When the run was last written: its newest file's modification time.
    private static func newestModification(_ tailers: [SourceTailer]) -> Double? {
        tailers.compactMap { $0.identity?.modified }.max()
    }
}
