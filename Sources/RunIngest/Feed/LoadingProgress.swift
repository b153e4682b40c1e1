/// How far a feed has got reading the runs it found: the status line's "loading 1,234 of
/// 10,000 runs" while a large study fills in.
/// `found` is 0 while the folders are still being walked.
public struct LoadingProgress: Sendable, Equatable {
    public var read: Int
    public var found: Int

    public init(read: Int, found: Int) {
        self.read = read
        self.found = found
    }
}
