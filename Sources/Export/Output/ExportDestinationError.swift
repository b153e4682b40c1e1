/// Why an export could not be written, worded for the status line.
public enum ExportDestinationError: Error, Equatable, CustomStringConvertible {
    case insideWatchedFolder(folder: String, watchedRoot: String)
    case notAFolder(String)
    case cannotCreateFolder(String, reason: String)
    case cannotWrite(String, reason: String)
    case invalidFileName(String)
    case tooManyExistingFiles(String)

    public var description: String {
        switch self {
        case let .insideWatchedFolder(folder, root):
            return "not writing into \(folder): it is inside the watched run folder \(root), and scaletop only reads there. "
                + "Choose another output folder."
        case let .notAFolder(path):
            return "\(path) exists and is not a folder; choose an output folder"
        case let .cannotCreateFolder(path, reason):
            return "cannot create the output folder \(path): \(reason)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .invalidFileName(name):
            return "'\(name)' is not a file name (no '/', not empty, not '.' or '..')"
        case let .tooManyExistingFiles(path):
            return "\(path) and its numbered copies up to -999 all exist; remove some or choose another name"
        }
    }
}
