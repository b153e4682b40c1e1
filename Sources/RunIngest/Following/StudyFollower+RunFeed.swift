import ScalingLaws

/// A folder of logs as the dashboard's feed: inotify wakes it, or the event loop polls it.
extension StudyFollower: RunFeed {
    public var watchedFolders: [String] { [root] }

    public var followDescription: String {
        switch mode {
        case .inotify: return "following (inotify)"
        case .polling(let s): return "following (polling every \(NumberFormat.short(s)) s)"
        }
    }

    /// A folder's problems are its files' and are counted in the store, run by run.
    public var alert: String? { nil }
}
