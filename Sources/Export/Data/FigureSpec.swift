import Foundation

/// Everything needed to draw a figure again, headless: the figure itself, its colours, its
/// page size and the fit parameters its data file lists. `scaletop export --spec FILE`
/// reads one of these, so a report's figure can be rebuilt in CI exactly as it was saved.
public struct FigureSpec: Sendable, Equatable, Codable {
    /// Bumped when the format changes incompatibly; readers refuse newer versions.
    public var version: Int
    public var figure: Figure
    public var palette: FigurePalette
    public var size: FigureSize
    /// PNG pixels per point: 2 gives 144 dpi, sharp on slides and high-density screens.
    public var pngScale: Double
    public var parameters: [FitParameter]
    /// Type sizes and label style; nil chooses them from the size (`FigureStyle.fitting`).
    public var style: FigureStyle?

    public static let currentVersion = 1

    public init(figure: Figure, palette: FigurePalette, size: FigureSize = .report, pngScale: Double = 2,
                parameters: [FitParameter] = [], style: FigureStyle? = nil) {
        version = FigureSpec.currentVersion
        self.figure = figure
        self.palette = palette
        self.size = size
        self.pngScale = pngScale
        self.parameters = parameters
        self.style = style
    }

    /// Compact JSON with sorted keys. Not pretty-printed: with one number per line, a 50-run
    /// spec grows from under 1 MB to several.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> FigureSpec {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let spec = try decoder.decode(FigureSpec.self, from: data)
        guard spec.version <= currentVersion else {
            throw FigureSpecError.newerVersion(found: spec.version, supported: currentVersion)
        }
        return spec
    }

    public var painter: FigurePainter {
        FigurePainter(figure: figure, palette: palette, size: size, style: style)
    }
}

public enum FigureSpecError: Error, CustomStringConvertible, Equatable {
    case newerVersion(found: Int, supported: Int)

    public var description: String {
        switch self {
        case let .newerVersion(found, supported):
            return "the figure spec is version \(found), this scaletop reads up to version \(supported); update scaletop"
        }
    }
}
