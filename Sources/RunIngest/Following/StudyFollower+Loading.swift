extension StudyFollower {
    /// Runs read and runs found while a progressive load is under way (0 of 0 while the
    /// tree is first walked); nil once every run found has been read (and always, loading
    /// eagerly).
    public var loadingProgress: LoadingProgress? {
        if awaitingFirstScan { return LoadingProgress(read: 0, found: 0) }
        guard !unread.isEmpty else { return nil }
        return LoadingProgress(read: unread.taken, found: unread.taken + unread.count)
    }

    /// Read runs not read yet for about `budgetSeconds` (at least one run), oldest found
    /// first. Returns true when the store changed. One run is the unit: a run's files are
    /// read whole (a log of 100,000 lines takes some tens of milliseconds).
    @discardableResult
    public func continueLoading(budgetSeconds: Double) -> Bool {
        let before = store.generation
        if awaitingFirstScan {
            // The first slice walks the tree (its runs appear, not read yet), and no more.
            rescan()
            return store.generation != before
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(budgetSeconds * 1000)))
        while let id = unread.popFirst() {
            readNew(id)
            if clock.now >= deadline { break }
        }
        return store.generation != before
    }
}
