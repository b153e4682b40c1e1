/// What `scaletop export --format` and the `s`/`S` keys can write.
public enum ExportFormat: String, Sendable, CaseIterable, Codable {
    /// Figures re-rendered from the data.
    case svg, pdf, png
    /// The plotted data (`csv` adds `-parameters.csv` when the figure has fit parameters).
    case csv, json
    /// The view spec a figure is re-created from.
    case spec
    /// The panel's cells as text.
    case txt, ansi, html
    /// The panel's cells as a picture: braille and box lines drawn as shapes (`.screen.svg`).
    case screenSVG = "screen-svg"

    /// The file name's ending, without the leading dot.
    public var fileExtension: String {
        switch self {
        case .spec: return "spec.json"
        case .screenSVG: return "screen.svg"
        default: return rawValue
        }
    }

    /// Drawn by cairo, which may be missing.
    public var needsCairo: Bool { self == .pdf || self == .png }

    /// The format a file name's ending asks for (`frontier.pdf`, `isoflop.spec.json`); nil for none.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        guard let format = ExportFormat.allCases.sorted(by: { $0.fileExtension.count > $1.fileExtension.count })
            .first(where: { lower.hasSuffix("." + $0.fileExtension) }) else { return nil }
        self = format
    }

    /// Formats drawn from the panel's cells rather than from the figure.
    public var isScreen: Bool { self == .txt || self == .ansi || self == .html || self == .screenSVG }
}
