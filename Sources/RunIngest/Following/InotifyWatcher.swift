import Glibc

/// The kernel's change notifications for a set of folders (Linux inotify).
final class InotifyWatcher {
    let descriptor: Int32
    private var directoryByWatch: [Int32: String] = [:]
    private var watchByDirectory: [String: Int32] = [:]

    struct Event {
        var path: String
        /// A file or folder appeared, vanished or was renamed: the run list may change.
        var isStructural: Bool
    }

    init?() {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit { close(descriptor) }

    private static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM
                                     | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)
    private static let structural = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                           | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)

    /// Watch every folder of `directories` not watched yet. Returns how many of them the
    /// kernel refused (the per-user watch limit, `fs.inotify.max_user_watches`): those must
    /// be polled.
    func watch(directories: [String]) -> Int {
        var refused = 0
        for directory in directories where watchByDirectory[directory] == nil {
            let wd = RawFileName.withCPath(directory) { inotify_add_watch(descriptor, $0, InotifyWatcher.mask) }
            guard wd >= 0 else {
                // A folder gone since the scan is not a refusal.
                if errno == ENOSPC || errno == ENOMEM { refused += 1 }
                continue
            }
            directoryByWatch[wd] = directory
            watchByDirectory[directory] = wd
        }
        return refused
    }

    /// Every event queued now (non-blocking), and whether the kernel's queue overflowed
    /// (`IN_Q_OVERFLOW`: events were dropped, so any file may have changed unseen).
    func drain() -> (events: [Event], overflowed: Bool) {
        var events: [Event] = []
        var overflowed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(n, nameStart + length)].prefix { $0 != 0 }
                let name = RawFileName.string(fromBytes: nameBytes)
                if let directory = directoryByWatch[wd] {
                    let path = name.isEmpty ? directory : directory + "/" + name
                    events.append(Event(path: path, isStructural: mask & InotifyWatcher.structural != 0))
                    if mask & UInt32(IN_IGNORED) != 0 {
                        directoryByWatch[wd] = nil
                        watchByDirectory[directory] = nil
                    }
                }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
                offset = nameStart + length
            }
        }
        return (events, overflowed)
    }
}
