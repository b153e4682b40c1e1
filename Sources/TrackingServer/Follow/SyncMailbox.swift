import Foundation
import Glibc
import Synchronization

/// What the sync task hands the dashboard's thread: store changes in order and the feed's
/// health, behind a lock, with a pipe whose read end the event loop sleeps on. One byte is
/// written per batch of news, however many changes it holds.
final class SyncMailbox: Sendable {
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private struct Box {
        var changes: [StoreChange] = []
        var health = FeedHealth()
        var signalled = false
    }
    private let box = Mutex(Box())

    init() throws {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw ServerFault.unreachable("cannot create a pipe (errno \(errno))") }
        for fd in descriptors {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    func post(_ new: [StoreChange]) {
        guard !new.isEmpty else { return }
        box.withLock { $0.changes += new }
        wake()
    }

    func set(_ state: FeedHealth.State, succeededAt: Double? = nil) {
        let changed = box.withLock { box in
            let before = box.health
            box.health.state = state
            if let succeededAt { box.health.lastSuccess = succeededAt }
            return box.health != before
        }
        if changed { wake() }
    }

    /// Everything posted since the last call, and the health now.
    func take() -> (changes: [StoreChange], health: FeedHealth) {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &sink, sink.count) > 0 {}
        return box.withLock { box in
            box.signalled = false
            let taken = box.changes
            box.changes = []
            return (taken, box.health)
        }
    }

    private func wake() {
        let already = box.withLock { box in
            defer { box.signalled = true }
            return box.signalled
        }
        guard !already else { return }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }
}
