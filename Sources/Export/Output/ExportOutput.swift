/// What `-o` names, read as every plotting tool reads it: one panel in one format writes the
/// file named (`-o frontier.pdf`, whose ending also chooses the format when `--format` is not
/// given); an existing folder, a name ending in `/`, or an export of several panels or
/// formats writes into that folder, files named after the panels. A file name (one ending
/// in a format's extension) for an export of several files is refused, rather than made
/// into a folder called `frontier.svg`.
public enum ExportOutput: Equatable, Sendable {
    /// Into this folder (nil: the working directory).
    case folder(String?)
    case file(String)

    /// The output and the formats to write. `formats` is `--format` as given (nil when not
    /// given, svg by default); `panels` how many panels are exported; `isFolder` says whether
    /// a path is an existing folder.
    public static func interpret(_ output: String?, formats requested: [ExportFormat]?, panels: Int,
                                 isFolder: (String) -> Bool) throws -> (output: ExportOutput, formats: [ExportFormat]) {
        guard let output, !output.isEmpty else { return (.folder(nil), requested ?? [.svg]) }
        if output.hasSuffix("/") || isFolder(output) { return (.folder(output), requested ?? [.svg]) }
        let named = ExportFormat(fileName: output)
        let formats = requested ?? [named ?? .svg]
        if let named, requested != nil, formats != [named], formats.count == 1 {
            throw ExportOutputError.formatMismatch(output: output, named: named, requested: formats[0])
        }
        guard panels > 1 || formats.count > 1 else { return (.file(output), formats) }
        if named != nil { throw ExportOutputError.oneFileForMany(output: output, panels: panels, formats: formats.count) }
        return (.folder(output), formats)
    }
}

public enum ExportOutputError: Error, Equatable, CustomStringConvertible {
    case formatMismatch(output: String, named: ExportFormat, requested: ExportFormat)
    case oneFileForMany(output: String, panels: Int, formats: Int)

    public var description: String {
        switch self {
        case let .formatMismatch(output, named, requested):
            return "-o \(output) names a .\(named.fileExtension) file but --format is \(requested.rawValue); "
                + "leave out --format to write \(named.rawValue), or name a .\(requested.fileExtension) file"
        case let .oneFileForMany(output, panels, formats):
            let what = [panels > 1 ? "\(panels) panels" : nil, formats > 1 ? "\(formats) formats" : nil].compactMap { $0 }
            return "-o \(output) names one file, but this export writes \(what.joined(separator: " in ")); "
                + "choose one --panel and one --format, or give a folder (-o figures/)"
        }
    }
}
