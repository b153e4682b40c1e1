import ScalingLaws

/// A folder of logs as the dashboard's feed: inotify wakes it, or the event loop polls it.
extension StudyFollower: RunFeed {
    public var watchedFolders: [String] { [root] }

    public var followDescription: String {
        var notes: [String] = []
        switch mode {
        case .inotify: notes.append("inotify")
        case .polling(let s): notes.append("polling every \(NumberFormat.short(s)) s")
        }
        // The kernel refused watches or dropped events: say how the follower made up for it.
        if unwatchedFolders > 0 { notes.append("\(unwatchedFolders) folders polled past the watch limit") }
        if overflowRescans > 0 { notes.append("rescanned \(overflowRescans)× after event overflow") }
        return "following (" + notes.joined(separator: "; ") + ")"
    }

    /// A folder's problems are its files' and are counted in the store, run by run.
    public var alert: String? { nil }
}
