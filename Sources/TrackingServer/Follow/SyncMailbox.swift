import Foundation
import Glibc

/// What the sync task hands the dashboard's thread: store changes in order and the feed's
/// health, behind a lock, with a pipe whose read end the event loop sleeps on. One byte is
/// written per batch of news, however many changes it holds.
final class SyncMailbox: @unchecked Sendable {
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private let lock = NSLock()
    private var changes: [StoreChange] = []
    private var health = FeedHealth()
    private var signalled = false

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
        lock.lock()
        changes += new
        lock.unlock()
        wake()
    }

    func set(_ state: FeedHealth.State, succeededAt: Double? = nil) {
        lock.lock()
        let before = health
        health.state = state
        if let succeededAt { health.lastSuccess = succeededAt }
        let changed = health != before
        lock.unlock()
        if changed { wake() }
    }

    /// Everything posted since the last call, and the health now.
    func take() -> (changes: [StoreChange], health: FeedHealth) {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &sink, sink.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        signalled = false
        let taken = changes
        changes = []
        return (taken, health)
    }

    private func wake() {
        lock.lock()
        let already = signalled
        signalled = true
        lock.unlock()
        guard !already else { return }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }
}
