import Export
import Foundation
import Testing
import TestSupport

@Suite struct CairoExportTests {
    @Test(ExternalTool.required("pdfinfo", "reads the PDF's pages, size and metadata"))
    func pdfPassesPdfinfoWithThePageSizeInPoints() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/frontier.pdf"
        try ExternalTool.write(try CairoRenderer.pdf(SyntheticFigures.frontier()), to: path)
        let info = try ProcessRunner.run(["pdfinfo", path])
        #expect(info.status == 0, "pdfinfo: \(info.output)")
        func field(_ name: String) -> String? {
            info.output.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
        }
        #expect(field("Pages") == "1", "\(info.output)")
        #expect(field("Page size") == "504 x 360 pts", "\(info.output)")
        #expect(field("Title") == "Loss against compute: 50 runs and their frontier", "\(info.output)")
        #expect(field("Creator") == "scaletop", "\(info.output)")
        #expect(!info.output.lowercased().contains("error"), "\(info.output)")
    }

    @Test(ExternalTool.required("pdftotext", "extracts the PDF's text"))
    func pdfKeepsLabelsAsSearchableText() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ExternalTool.write(try CairoRenderer.pdf(SyntheticFigures.isoFLOP()), to: folder + "/isoflop.pdf")
        let text = try ProcessRunner.run(["pdftotext", folder + "/isoflop.pdf", "-"])
        #expect(text.status == 0)
        for expected in ["IsoFLOP profiles (Approach 2)", "parameters (N)", "10¹⁸", "C = 10¹⁹ FLOPs", "vertices"] {
            #expect(text.output.contains(expected), "pdftotext found no '\(expected)' in:\n\(text.output)")
        }
    }

    @Test(ExternalTool.required("pdftoppm", "draws the PDF with poppler"))
    func pdfRendersToAPNGWithPdftoppm() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ExternalTool.write(try CairoRenderer.pdf(SyntheticFigures.isoFLOP()), to: folder + "/isoflop.pdf")
        // 144 dpi: 504 × 360 pt → 1008 × 720 px, the size of our own PNG at scale 2.
        let result = try ProcessRunner.run(["pdftoppm", "-png", "-r", "144", "-singlefile", folder + "/isoflop.pdf", folder + "/page"])
        #expect(result.status == 0, "pdftoppm: \(result.output)")
        #expect(result.output.isEmpty, "pdftoppm: \(result.output)")
        let rendered = try #require(FileManager.default.contents(atPath: folder + "/page.png"))
        let poppler = try #require(RasterImage(png: [UInt8](rendered)))
        #expect(poppler.width == 1008 && poppler.height == 720)
        // Poppler's page and cairo's own PNG are the same drawing: most pixels agree.
        let ours = try #require(RasterImage(png: try CairoRenderer.png(SyntheticFigures.isoFLOP())))
        let differing = try #require(poppler.fractionDiffering(from: ours, threshold: 96))
        #expect(differing < 0.02, "\(differing * 100)% of pixels differ between poppler's rendering and cairo's PNG")
    }

    @Test(arguments: [(FigureSize.report, 2.0), (FigureSize.column, 3.0), (FigureSize(width: 400, height: 250), 1.0)])
    func pngHasTheRequestedSizeInItsHeader(size: FigureSize, scale: Double) throws {
        var spec = SyntheticFigures.isoFLOP()
        spec.size = size
        spec.pngScale = scale
        let png = try CairoRenderer.png(spec)
        let header = try #require(PNGHeader(png))
        #expect(header.width == Int((size.width * scale).rounded()))
        #expect(header.height == Int((size.height * scale).rounded()))
    }
}

/// Width and height from a PNG's IHDR chunk, read by hand so the size check does not trust
/// the library that wrote the file.
struct PNGHeader {
    let width: Int
    let height: Int

    init?(_ bytes: [UInt8]) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func be32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        width = be32(16)
        height = be32(20)
    }
}
