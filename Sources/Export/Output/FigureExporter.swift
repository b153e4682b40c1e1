import Charts
import Foundation

/// Writes a panel in the requested formats into a destination and says where each file
/// went, for the status line. Figure formats come from the `FigureSpec`, screen formats
/// from the panel's `CellGrid`.
public struct FigureExporter {
    public var destination: ExportDestination
    private let measurer = CairoTextMeasurer()

    public init(destination: ExportDestination) {
        self.destination = destination
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
            try destination.write(bytes, stem: stem, fileExtension: ext)
        }
        switch format {
        case .svg: return [try write(Array(SVGRenderer.render(spec, measurer: measurer).utf8))]
        case .pdf: return [try write(try CairoRenderer.pdf(spec, measurer: measurer))]
        case .png: return [try write(try CairoRenderer.png(spec, measurer: measurer))]
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
