/// Runs read once and not followed (a headless command's study, from a tracking server):
/// a feed that never changes, for the code that takes a `RunFeed`.
public final class LoadedRuns: RunFeed {
    public let store: RunStore
    public let formatName: String
    public let followDescription: String

    public init(store: RunStore, formatName: String, description: String) {
        self.store = store
        self.formatName = formatName
        self.followDescription = description
    }

    public var wakeDescriptor: Int32? { nil }
    public var pollIntervalSeconds: Double? { nil }
    public func handleWake() -> Bool { false }
    public func poll() -> Bool { false }
    public var watchedFolders: [String] { [] }
    public var alert: String? { nil }

    public func format(ofRun id: String) -> String? {
        store.run(id: id) == nil ? nil : formatName
    }
}
