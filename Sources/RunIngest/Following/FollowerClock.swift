import Foundation

/// Where the follower reads the time, in seconds since 1970: the wall clock when it follows
/// a study, a clock the test moves when a test checks what depends on time (how often the
/// follower walks the whole tree again), so that no test has to sleep or race the clock.
public struct FollowerClock {
    private let read: () -> Double

    public init(_ read: @escaping () -> Double) {
        self.read = read
    }

    public var now: Double { read() }

    /// The only place the follower looks at the real time.
    public static var wall: FollowerClock { FollowerClock { Date().timeIntervalSince1970 } }
}

/// When to walk the whole tree again besides the kernel's events: after writes to files no
/// run owns (a new run's first line), at most once a second; as a catch-up while inotify
/// works, every five seconds. Pure: the follower asks it with the clock's time.
struct RescanSchedule {
    /// After a write to a file no run owns.
    static let afterUnownedWrite = 1.0
    /// A catch-up for anything the kernel did not report (and folders past the watch limit).
    static let catchUp = 5.0

    /// When the tree was last walked; never, at first.
    private(set) var lastScan = -Double.infinity

    mutating func scanned(at now: Double) {
        lastScan = now
    }

    func isDue(every interval: Double, at now: Double) -> Bool {
        now - lastScan >= interval
    }
}
