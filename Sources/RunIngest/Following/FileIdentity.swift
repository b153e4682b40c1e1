import Glibc

/// What `stat` says about a path: enough to notice growth, truncation and replacement.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: Double

    static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
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
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(errno: errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var position = offset
        while out.count < limit {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(errno: errno)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            position += n
        }
        return out
    }

    static func message(_ failure: Failure) -> String {
        switch failure {
        case .cannotOpen(let e): return "cannot open: \(String(cString: strerror(e)))"
        case .cannotRead(let e): return "cannot read: \(String(cString: strerror(e)))"
        }
    }
}
