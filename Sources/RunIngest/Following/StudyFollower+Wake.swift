extension StudyFollower {
    /// Call when `wakeDescriptor` is readable: reads the kernel's events and what they
    /// point at. Returns true when the store changed.
    @discardableResult
    public func handleWake() -> Bool {
        guard let watcher else { return poll() }
        let before = store.generation
        let (events, overflowed) = watcher.drain()
        if overflowed {
            // The kernel dropped events: which files changed is unknown, so look at all.
            overflowRescans += 1
            rescan()
            readEverything()
            return store.generation != before
        }
        let touched = classify(events)
        for path in touched.databases { databases.read(path) }
        for path in touched.unopenedDatabases.sorted() where FileIdentity.of(path) != nil { databases.open(path) }
        // A file no run owns may just have become one (a stdout log's first loss line, a
        // CSV's header, an MLflow run's first metric): look at the whole tree at most once a
        // second, and in between at the written file's own folder, since no later event may
        // come to look again (the dashboard does not poll while inotify works).
        if touched.structure
            || (touched.unownedFile && rescans.isDue(every: RescanSchedule.afterUnownedWrite, at: clock.now)) {
            rescan()
        } else {
            for path in touched.unownedWrites.sorted() { claimFolder(of: path) }
        }
        for id in touched.runs { read(id) }
        if touched.unownedFile || touched.structure { refreshMetadata() }
        return store.generation != before
    }

    /// What a batch of the kernel's events touched.
    struct TouchedByEvents {
        /// A file or folder was created, deleted or renamed.
        var structure = false
        var runs = Set<String>()
        var databases = Set<String>()
        /// Databases not open yet (MLflow creating them): tried again now they changed.
        var unopenedDatabases = Set<String>()
        /// A file no run reads changed (a metadata file, or a run not found yet).
        var unownedFile = false
        /// Files no run reads that were written to (not created or removed).
        var unownedWrites = Set<String>()
    }

    func classify(_ events: [InotifyWatcher.Event]) -> TouchedByEvents {
        var touched = TouchedByEvents()
        for event in events {
            if event.isStructural { touched.structure = true }
            if let database = databases.database(touchedBy: event.path) {
                touched.databases.insert(database)
            } else if MLflowSQLiteStore.isTrackingDatabase(event.path) {
                touched.unopenedDatabases.insert(event.path)
            } else if let id = tailed.runID(owning: event.path) {
                touched.runs.insert(id)
            } else {
                touched.unownedFile = true
                if !event.isStructural { touched.unownedWrites.insert(event.path) }
            }
        }
        return touched
    }
}
