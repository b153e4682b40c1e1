import Dispatch
import Glibc

/// Reads a large log in chunks through two buffers, so reading overlaps parsing: while one
/// chunk is parsed, the bytes that follow its last complete line are read into the other
/// buffer on another thread (`prefetch`). The next `read(from:)` takes them when it asks for
/// that offset, and reads afresh otherwise (the parser stopped elsewhere), so a wrong guess
/// costs a read, never a wrong byte. Files are read with pread (mmap stays out: a writer
/// truncating the file would crash a reader of mapped pages).
final class ChunkReader: @unchecked Sendable {   // the buffers are touched by one thread at a time
    let path: String
    let capacity: Int
    private var current: UnsafeMutableRawBufferPointer
    /// Allocated at the first prefetch: a small read needs one buffer.
    private var spare: UnsafeMutableRawBufferPointer?
    /// The prefetch in flight: its offset, and a group left when `prefetched` is set.
    private var pending: (offset: Int, done: DispatchGroup)?
    private var prefetched: Result<Int, ReadOnlyFile.Failure> = .success(0)

    init(path: String, capacity: Int) {
        self.path = path
        self.capacity = capacity
        current = .allocate(byteCount: max(1, capacity), alignment: 16)
    }

    deinit {
        pending?.done.wait()
        current.deallocate()
        spare?.deallocate()
    }

    /// The bytes from `offset` (up to `capacity`; fewer at the end of the file), valid until
    /// the next call.
    func read(from offset: Int) throws(ReadOnlyFile.Failure) -> UnsafeBufferPointer<UInt8> {
        if let (prefetchOffset, done) = pending {
            done.wait()
            pending = nil
            if prefetchOffset == offset, let next = spare {
                spare = current
                current = next
                return view(try prefetched.get())
            }
        }
        return view(try ReadOnlyFile.read(path, from: offset, into: UnsafeMutableRawBufferPointer(rebasing: current[..<capacity])))
    }

    /// Start reading from `offset` into the spare buffer on another thread.
    func prefetch(from offset: Int) {
        guard pending == nil, capacity > 0 else { return }
        if spare == nil { spare = .allocate(byteCount: capacity, alignment: 16) }
        let done = DispatchGroup()
        done.enter()
        pending = (offset, done)
        DispatchQueue.global().async {
            let target = UnsafeMutableRawBufferPointer(rebasing: self.spare![..<self.capacity])
            self.prefetched = Result { () throws(ReadOnlyFile.Failure) in try ReadOnlyFile.read(self.path, from: offset, into: target) }
            done.leave()
        }
    }

    /// Read from `offset` into the spare buffer on this thread, for the next `read(from:)`
    /// to take: a thread with nothing else to do reads the next chunk itself, where a
    /// `prefetch` would wait for a pool thread (busy parsing; perf's timeline, issue 16).
    func readAhead(from offset: Int) {
        guard pending == nil, capacity > 0 else { return }
        if spare == nil { spare = .allocate(byteCount: capacity, alignment: 16) }
        let target = UnsafeMutableRawBufferPointer(rebasing: spare![..<capacity])
        prefetched = Result { () throws(ReadOnlyFile.Failure) in try ReadOnlyFile.read(path, from: offset, into: target) }
        pending = (offset, DispatchGroup())   // never entered: `read` does not wait
    }

    private func view(_ count: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: current.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
    }
}
