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

    /// Formats drawn from the panel's cells rather than from the figure.
    public var isScreen: Bool { self == .txt || self == .ansi || self == .html || self == .screenSVG }
}
