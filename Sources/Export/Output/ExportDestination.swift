import Foundation
import Glibc

/// The folder exports go to: the user's choice (default the working directory), never a
/// folder scaletop watches, since a figure or CSV dropped among the runs could be read back
/// as a run, and scaletop promises to only read there. Both the folder and the watched
/// roots are compared after resolving symlinks, so a link into a run folder is caught.
///
/// Existing files are never overwritten: when `frontier.svg` exists the export becomes
/// `frontier-1.svg`, then `frontier-2.svg`, and so on. Files are created with O_EXCL, so a
/// file (or symlink) appearing between the check and the write is not clobbered either.
public struct ExportDestination: ExportSink {
    /// The resolved output folder.
    public let folder: String

    /// `folder` nil means the working directory; a missing folder is created. Throws
    /// `insideWatchedFolder` when the folder is, or is inside, any of `watchedRoots`.
    public init(folder: String? = nil, watchedRoots: [String]) throws {
        let requested = folder ?? FileManager.default.currentDirectoryPath
        let resolved = ExportDestination.resolve(requested)
        try ExportDestination.refuseInside(resolved, watchedRoots: watchedRoots)
        try ExportDestination.makeFolder(resolved)
        self.folder = resolved
    }

    /// Throws `insideWatchedFolder` when the resolved `folder` is, or is inside, any of `watchedRoots`.
    static func refuseInside(_ folder: String, watchedRoots: [String]) throws {
        for root in watchedRoots {
            let resolvedRoot = ExportDestination.resolve(root)
            if folder == resolvedRoot || folder.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/") {
                throw ExportDestinationError.insideWatchedFolder(folder: folder, watchedRoot: resolvedRoot)
            }
        }
    }

    /// Creates `resolved` (and its parents) unless it exists; throws when it is not a folder.
    static func makeFolder(_ resolved: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ExportDestinationError.notAFolder(resolved) }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: resolved, withIntermediateDirectories: true)
            } catch {
                throw ExportDestinationError.cannotCreateFolder(resolved, reason: error.localizedDescription)
            }
        }
    }

    /// Writes `bytes` as `stem.fileExtension` (or `stem-N.fileExtension` when taken) and
    /// returns the path written.
    @discardableResult
    public func write(_ bytes: [UInt8], stem: String, fileExtension: String) throws -> String {
        let name = fileExtension.isEmpty ? stem : stem + "." + fileExtension
        guard !stem.isEmpty, !name.contains("/"), name != ".", name != "..", !name.contains("\0") else {
            throw ExportDestinationError.invalidFileName(name)
        }
        let data = bytes
        for n in 0...999 {
            let candidate = n == 0 ? name : (fileExtension.isEmpty ? "\(stem)-\(n)" : "\(stem)-\(n).\(fileExtension)")
            let path = folder == "/" ? "/" + candidate : folder + "/" + candidate
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw ExportDestinationError.cannotWrite(path, reason: String(cString: strerror(errno)))
            }
            defer { close(fd) }
            var written = 0
            while written < data.count {
                let n = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, data.count - written) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    let reason = String(cString: strerror(errno))
                    unlink(path)
                    throw ExportDestinationError.cannotWrite(path, reason: reason)
                }
                written += n
            }
            return path
        }
        throw ExportDestinationError.tooManyExistingFiles(folder + "/" + name)
    }

    /// The absolute path with symlinks resolved. For a path that does not exist yet, the
    /// nearest existing ancestor is resolved and the rest appended.
    static func resolve(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components = absolute.split(separator: "/").map(String.init)
        var pending: [String] = []
        while true {
            let prefix = "/" + components.joined(separator: "/")
            if let real = realpath(prefix, nil) {
                defer { free(real) }
                var result = String(cString: real)
                for part in pending.reversed() {
                    if part == "." || part.isEmpty { continue }
                    if part == ".." { result = (result as NSString).deletingLastPathComponent; continue }
                    result += (result == "/" ? "" : "/") + part
                }
                return result
            }
            guard let last = components.popLast() else { return absolute }
            pending.append(last)
        }
    }
}
