import Glibc

/// What `stat` says about a path: enough to notice growth, truncation and replacement.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: Double

    static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard RawFileName.withCPath(path, { stat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size),
                            modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9)
    }

    func isSameFile(as other: FileIdentity) -> Bool {
        device == other.device && inode == other.inode
    }
}

/// Read-only file access. scaletop never writes where it reads: every open here is
/// O_RDONLY, and nothing in RunIngest opens a file for writing.
enum ReadOnlyFile {
    enum Failure: Error {
        case cannotOpen(errno: Int32)
        case cannotRead(errno: Int32)
    }

    /// Bytes from `offset` to the end of the file as it is now, at most `limit`.
    static func read(_ path: String, from offset: Int, limit: Int = 64 << 20) throws(Failure) -> [UInt8] {
        let fd = RawFileName.withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw .cannotOpen(errno: errno) }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        // Straight into the result, sized from fstat (plus room for a file still growing), in
        // as few reads as the kernel allows: a large log is not copied through a small buffer.
        let capacity = min(limit, max(size - offset, 0) + (1 << 16))
        var failure: Int32 = 0
        var out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            while initialized < capacity {
                let n = pread(fd, buffer.baseAddress! + initialized, capacity - initialized, off_t(offset + initialized))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                initialized += n
            }
        }
        if failure != 0 { throw .cannotRead(errno: failure) }
        // Filled to the brim: the file grew after fstat; read on from there.
        while out.count == capacity, out.count < limit {
            let more = try read(path, from: offset + out.count, limit: limit - out.count)
            if more.isEmpty { break }
            out.append(contentsOf: more)
        }
        return out
    }

    /// Fill `buffer` with the bytes from `offset` (fewer at the end of the file); returns how
    /// many. For a large log read in chunks through one buffer: no fresh memory per chunk.
    static func read(_ path: String, from offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        let fd = RawFileName.withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw .cannotOpen(errno: errno) }
        defer { close(fd) }
        var filled = 0
        while filled < buffer.count {
            let n = pread(fd, buffer.baseAddress! + filled, buffer.count - filled, off_t(offset + filled))
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    static func message(_ failure: Failure) -> String {
        switch failure {
        case .cannotOpen(let e): return "cannot open: \(String(cString: strerror(e)))"
        case .cannotRead(let e): return "cannot read: \(String(cString: strerror(e)))"
        }
    }
}
