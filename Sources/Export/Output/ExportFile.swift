import Foundation
import Glibc

/// The one file named with `-o FILE`: replaced if it exists, as every tool that writes a named
/// output does (a paper's Makefile rebuilds `fig/frontier.pdf` in place), but never half-way:
/// the bytes go to a temporary file in the same folder, renamed over the name at the end, so
/// a reader sees the old figure or the new one, and a symlink at the name is replaced rather
/// than written through. A second file of the same export (the fit parameters beside a CSV)
/// is named after it: `fig.csv` and `fig-parameters.csv`.
public struct ExportFile: ExportSink {
    /// The resolved path written.
    public let path: String
    /// The stem the exporter gives the main file (the panel's name); other stems map to siblings.
    public let stem: String

    /// Throws when the file's folder is inside a watched root, or cannot be created.
    public init(path: String, stem: String, watchedRoots: [String]) throws {
        // The folder is resolved (a link into the runs is caught); the name is not: a symlink
        // there is replaced, not followed.
        let name = (path as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != "..", !path.hasSuffix("/") else { throw ExportDestinationError.invalidFileName(name) }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = ExportDestination.resolve(parent.isEmpty ? "." : parent)
        try ExportDestination.refuseInside(folder, watchedRoots: watchedRoots)
        try ExportDestination.makeFolder(folder)
        self.path = (folder == "/" ? "" : folder) + "/" + name
        self.stem = stem
    }

    public func write(_ bytes: [UInt8], stem: String, fileExtension: String) throws -> String {
        let target: String
        if stem == self.stem {
            target = path
        } else {
            // `-parameters` after the file's own name, before the format's ending.
            var base = path
            if !fileExtension.isEmpty, base.lowercased().hasSuffix("." + fileExtension) { base.removeLast(fileExtension.count + 1) }
            target = base + stem.dropFirst(stem.hasPrefix(self.stem) ? self.stem.count : 0) + (fileExtension.isEmpty ? "" : "." + fileExtension)
        }
        try ExportFile.replace(target, with: bytes)
        return target
    }

    /// Writes a temporary file beside `path` and renames it over `path`.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array((folder + "/." + (path as NSString).lastPathComponent + ".scaletop-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ExportDestinationError.cannotWrite(path, reason: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        func fail() -> ExportDestinationError {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .cannotWrite(path, reason: reason)
        }
        // mkstemp makes the file private; a figure is as readable as any file the user writes.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw fail() }
            written += n
        }
        closed = true
        guard close(fd) == 0 else { throw fail() }
        guard rename(temporary, path) == 0 else { throw fail() }
    }
}
