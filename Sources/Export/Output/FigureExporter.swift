import Charts
import Foundation

/// Writes a panel in the requested formats and says where each file went, for the status
/// line. Figure formats come from the `FigureSpec`, screen formats from the panel's
/// `CellGrid`. PDF and PNG need cairo, which is opened on first use; `available` tells the
/// callers beforehand which formats they can have, so the others are still written when it
/// is missing.
public struct FigureExporter: Sendable {
    public var sink: ExportSink
    /// cairo, or why it could not be loaded.
    public var cairo: Result<CairoLibrary, CairoUnavailable>
    /// SOURCE_DATE_EPOCH, for reproducible PDFs.
    public var sourceDateEpoch: Int?
    private let measurer = DejaVuSansMetrics()

    public init(sink: ExportSink, cairo: Result<CairoLibrary, CairoUnavailable> = CairoLibrary.shared, sourceDateEpoch: Int? = nil) {
        self.sink = sink
        self.cairo = cairo
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// The formats among `formats` that can be written, those that cannot, and why.
    public static func available(_ formats: [ExportFormat], cairo: Result<CairoLibrary, CairoUnavailable> = CairoLibrary.shared)
        -> (formats: [ExportFormat], unavailable: [ExportFormat], reason: CairoUnavailable?) {
        guard case .failure(let reason) = cairo else { return (formats, [], nil) }
        let missing = formats.filter(\.needsCairo)
        return (formats.filter { !$0.needsCairo }, missing, missing.isEmpty ? nil : reason)
    }

    /// Writes `stem.<ext>` for each format and returns the paths written, in order.
    /// `grid` is needed only for the screen formats (txt, ansi, html); without it they throw.
    public func export(_ spec: FigureSpec, grid: CellGrid? = nil, formats: [ExportFormat], stem: String) throws -> [String] {
        var paths: [String] = []
        for format in formats {
            paths += try export(spec, grid: grid, format: format, stem: stem)
        }
        return paths
    }

    private func export(_ spec: FigureSpec, grid: CellGrid?, format: ExportFormat, stem: String) throws -> [String] {
        func write(_ bytes: some Collection<UInt8>, _ stem: String = stem, _ ext: String = format.fileExtension) throws -> String {
            try sink.write(Array(bytes), stem: stem, fileExtension: ext)
        }
        switch format {
        case .svg: return [try write(Array(SVGRenderer.render(spec, measurer: measurer).utf8))]
        case .pdf:
            return [try write(try CairoRenderer.pdf(spec, sourceDateEpoch: sourceDateEpoch, measurer: measurer, cairo: cairo.get()))]
        case .png: return [try write(try CairoRenderer.png(spec, measurer: measurer, cairo: cairo.get()))]
        case .csv:
            var paths = [try write(Array(FigureData.layersCSV(spec.figure).utf8))]
            if !spec.parameters.isEmpty {
                paths.append(try write(Array(FigureData.parametersCSV(spec.parameters).utf8), stem + "-parameters"))
            }
            return paths
        case .json: return [try write(try FigureData.json(spec))]
        case .spec: return [try write(try spec.jsonData())]
        case .txt, .ansi, .html, .screenSVG:
            guard let grid else { throw FigureExportError.noScreen(format) }
            let text: String
            switch format {
            case .txt: text = CellGridText.plain(grid)
            case .ansi: text = CellGridText.ansi(grid)
            case .html: text = CellGridText.html(grid, palette: spec.palette, title: spec.figure.title)
            default: text = CellGridSVG.render(grid, palette: spec.palette)
            }
            return [try write(Array(text.utf8))]
        }
    }
}

public enum FigureExportError: Error, Equatable, CustomStringConvertible {
    case noScreen(ExportFormat)

    public var description: String {
        switch self {
        case .noScreen(let format):
            return "\(format.rawValue) is a snapshot of the panel's cells, and no panel was drawn (headless export of a spec); "
                + "use svg, pdf, png, csv, json or spec"
        }
    }
}
