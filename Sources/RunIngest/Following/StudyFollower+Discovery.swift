extension StudyFollower {
    /// Walk the whole tree: watch its folders, follow the runs and databases it holds now,
    /// and let go of the runs merged into others.
    func rescan() {
        awaitingFirstScan = false
        rescans.scanned(at: clock.now)
        let found = RunDiscovery.scan(root: root)
        if let watcher {
            unwatchedFolders = watcher.watch(directories: found.directories)
        }
        let claims = RunDiscovery.claims(in: found, root: root, formats: formats)
        for claim in claims { adopt(claim) }
        for (directory, names) in found.filesByDirectory {
            for name in names where MLflowSQLiteStore.isTrackingDatabase(directory + "/" + name) {
                databases.open(directory + "/" + name)
            }
        }
        tailed.removeMerged(keeping: Set(claims.map(\.id)))
        // Runs whose files vanished are read once more so their tailers note it.
        let present = Set(found.filesByDirectory.flatMap { directory, names in names.map { directory + "/" + $0 } })
        for id in tailed.ids(missingFilesAmong: present) { read(id) }
    }

    /// Follow a run found by a scan, or bring a followed one up to date with what the scan
    /// found now.
    func adopt(_ claim: RunClaim) {
        guard tailed.claim(of: claim.id) != nil else {
            follow(claim)
            return
        }
        switch tailed.update(to: claim) {
        case .none:
            break
        case .metadataFiles:
            releaseRuns(readAsMetadataBy: claim)
            resolveMetadata(claim.id, reading: true)
        case .files:
            resolveMetadata(claim.id, reading: true)
            read(claim.id, afresh: true)
        }
    }

    /// Follow a newly found run: it is in the store at once; it is read now, or (loading
    /// progressively) when `continueLoading` reaches it.
    func follow(_ claim: RunClaim) {
        releaseRuns(readAsMetadataBy: claim)
        tailed.follow(claim)
        switch loading {
        case .eager: readNew(claim.id)
        case .progressive: unread.append(claim.id)
        }
    }

    /// A run's first reading: its metadata files, then its logs.
    func readNew(_ id: String) {
        resolveMetadata(id, reading: true)
        read(id)
    }

    /// A run's metadata files may have been followed as a run of their own before the run
    /// was found (an `add_hparams` session folder written before its run's events): that
    /// run goes, whichever order the two were seen in.
    func releaseRuns(readAsMetadataBy claim: RunClaim) {
        for file in claim.metadataFiles {
            if let other = tailed.runID(owning: file), other != claim.id {
                tailed.release(other)
                unread.remove(other)
            }
        }
    }

    /// New runs in the folder of `path`, a file no run owns that was just written. Skipped
    /// once the file is longer than any format reads to recognise a run (the next full
    /// rescan still sees it).
    func claimFolder(of path: String) {
        guard let identity = FileIdentity.of(path) else { return }
        if let checked = unclaimedSizes[path], checked >= RunDiscovery.recognitionBytes { return }
        unclaimedSizes[path] = identity.size
        let folder = RunDiscovery.parent(of: path)
        let names = RunDiscovery.entries(of: folder).files
        for claim in RunDiscovery.claims(inFolder: folder, names: names, root: root, formats: formats)
        where tailed.claim(of: claim.id) == nil {
            follow(claim)
        }
        // A written folder may belong to the run in the folder above it (a TensorBoard
        // `add_hparams` session being written): that run's claim may have changed.
        let above = RunDiscovery.parent(of: folder)
        guard folder.count > root.count, above.count >= root.count else { return }
        for claim in RunDiscovery.claims(inFolder: above, names: RunDiscovery.entries(of: above).files, root: root,
                                         formats: formats) where tailed.claim(of: claim.id) != nil {
            adopt(claim)
        }
    }

    /// Read what is new in a run's files (all of them from their start when `afresh`), and
    /// resolve its metadata again when what the logs carry changed.
    func read(_ id: String, afresh: Bool = false) {
        // A run written to before its turn in a progressive load is read whole now.
        if unread.contains(id) {
            unread.remove(id)
            resolveMetadata(id, reading: true)
        }
        let logMetadataChanged = afresh ? tailed.reread(id) : tailed.read(id)
        if logMetadataChanged { resolveMetadata(id, reading: false) }
    }

    /// The run's metadata into the store; with `reading`, its metadata files read afresh.
    func resolveMetadata(_ id: String, reading: Bool) {
        guard let claim = tailed.claim(of: id) else { return }
        if reading { metadata.load(claim) }
        metadata.apply(claim, logMetadata: tailed.logMetadata(of: id))
    }

    /// Read again the metadata files that changed, of every run.
    func refreshMetadata() {
        for id in tailed.ids {
            guard let claim = tailed.claim(of: id), metadata.isOutOfDate(claim) else { continue }
            resolveMetadata(id, reading: true)
        }
    }
}
