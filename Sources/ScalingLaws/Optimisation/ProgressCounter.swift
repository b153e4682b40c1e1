import Foundation
import Synchronization

/// How far a long computation has got (bootstrap replicates, multi-start fits, forecasts),
/// counted from any thread and read by whoever shows it: the CLI on stderr, the dashboard
/// in its status line. Numerics only count; they never print.
public final class ProgressCounter: Sendable {
    public struct Snapshot: Sendable, Equatable {
        /// What is being done ("bootstrap", "forecasts").
        public var stage: String
        public var done: Int
        public var total: Int
    }

    private let state = Mutex(Snapshot(stage: "", done: 0, total: 0))

    public init() {}

    /// Start a stage of `total` steps.
    public func begin(_ stage: String, total: Int) {
        state.withLock { $0 = Snapshot(stage: stage, done: 0, total: total) }
    }

    public func advance(by count: Int = 1) {
        state.withLock { $0.done += count }
    }

    public var snapshot: Snapshot {
        state.withLock { $0 }
    }
}
