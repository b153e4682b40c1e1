import CCairo
import Foundation

/// cairo, opened when a PDF or PNG is first asked for rather than linked: the binary then
/// starts, and writes SVG, CSV, JSON, specs and text, on machines without cairo (a cluster's
/// login node). The loader is in CCairo/CairoLoader.c; this is its Swift face.
///
/// `SCALETOP_CAIRO_LIBRARY` names another library to open (a path, for a cairo installed
/// outside the loader's search path, e.g. in a conda environment).
public struct CairoLibrary: @unchecked Sendable {
    /// cairo's functions. The table is never freed, so copies of this value stay valid.
    let api: UnsafePointer<ScaletopCairo>
    /// What was opened ("libcairo.so.2" or a path).
    public let library: String

    public static let defaultLibrary = "libcairo.so.2"
    public static let environmentVariable = "SCALETOP_CAIRO_LIBRARY"

    /// Opens `library` and looks up every function scaletop calls.
    public static func load(_ library: String) -> Result<CairoLibrary, CairoUnavailable> {
        var message = [CChar](repeating: 0, count: 512)
        guard let api = scaletop_cairo_load(library, &message, message.count) else {
            let text = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return .failure(CairoUnavailable(library: library, reason: String(decoding: text, as: UTF8.self)))
        }
        return .success(CairoLibrary(api: api, library: library))
    }

    /// The process's cairo, opened on first use (thread-safe: a static let).
    public static let shared: Result<CairoLibrary, CairoUnavailable> = {
        let requested = ProcessInfo.processInfo.environment[environmentVariable] ?? ""
        return load(requested.isEmpty ? defaultLibrary : requested)
    }()

    /// cairo's version, e.g. "1.16.0".
    public var version: String { api.pointee.cairo_version_string().map { String(cString: $0) } ?? "" }

    /// The function table, for the backend's calls: `cairo.c.cairo_fill(context)`.
    var c: ScaletopCairo { api.pointee }

    /// cairo's words for a status.
    func describe(_ status: cairo_status_t) -> String { c.cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)" }
}

/// cairo could not be opened: PDF and PNG are unavailable, everything else works. Worded as
/// one line for the CLI's stderr and the dashboard's status line.
public struct CairoUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    public var library: String
    /// dlerror's words, or the function the library lacks.
    public var reason: String

    public init(library: String, reason: String) {
        self.library = library
        self.reason = reason
    }

    public var description: String {
        // What to do first: a status line may cut the end, and dlerror's words are long.
        "PDF and PNG need cairo (apt-get install libcairo2), which could not be loaded: \(reason)"
    }
}
