import Export
import Foundation
import Testing
import TestSupport

@Suite struct PageSetupTests {
    @Test(arguments: [("3.25x2.5in", 234.0, 180.0), ("8.5 x 6 cm", 240.94, 170.08), ("90x65mm", 255.12, 184.25),
                      ("504x360pt", 504, 360), ("7×5IN", 504, 360)])
    func sizesAreReadInTheirUnit(text: String, width: Double, height: Double) throws {
        let size = try PageSetup.parseSize(text)
        #expect(abs(size.width - width) < 0.01 && abs(size.height - height) < 0.01, "\(text): \(size)")
    }

    @Test(arguments: ["3.25x2.5", "3.25in", "ax2in", "3x2x1in", "x2in", "0.1x2in", "60x2in", "-3x2in", "infx2in"])
    func aBadSizeIsRefusedWithExamples(text: String) {
        #expect(throws: PageSetupError.self) { try PageSetup.parseSize(text) }
        do { _ = try PageSetup.parseSize(text) } catch { #expect("\(error)".contains("--size '\(text)'")) }
    }

    @Test func theOptionsReachTheSpecAndNothingElseChanges() throws {
        var spec = SyntheticFigures.isoFLOP()
        PageSetup().apply(to: &spec)
        #expect(spec == SyntheticFigures.isoFLOP(), "no options, no change")
        PageSetup(size: FigureSize(width: 234, height: 180), dotsPerInch: 300, fontSize: 8, showsTitle: false, showsCaption: false)
            .apply(to: &spec)
        #expect(spec.size == FigureSize(width: 234, height: 180) && abs(spec.pngScale - 300.0 / 72) < 1e-12)
        let style = try #require(spec.style)
        #expect(style.fontSize == 8 && style.titleSize == 9.6 && abs(style.captionSize - 6.4) < 1e-12)
        #expect(!style.showsTitle && !style.showsCaption)
        let layout = spec.painter.layout(measurer: DejaVuSansMetrics())
        #expect(layout.title.isEmpty && layout.caption.isEmpty)
        // The PDF keeps the title in its metadata even when the page leaves it out.
        #expect(spec.figure.title == "IsoFLOP profiles (Approach 2)")
    }

    @Test func aSpecSavedBeforeTheTitleFlagsStillReads() throws {
        var spec = SyntheticFigures.isoFLOP()
        spec.style = FigureStyle()
        var json = String(decoding: try spec.jsonData(), as: UTF8.self)
        json = json.replacingOccurrences(of: ",\"showsCaption\":true,\"showsTitle\":true", with: "")
        #expect(!json.contains("showsTitle"))
        #expect(try FigureSpec.decode(Data(json.utf8)).style?.showsTitle == true)
    }

    @Test func aPNGLargerThanCairoCanDrawIsRefusedBeforehand() {
        #expect(throws: PageSetupError.tooManyPixels(70000)) { try PageSetup.checkPixels(FigureSize(width: 3500, height: 100), dotsPerInch: 1440) }
        #expect(throws: Never.self) { try PageSetup.checkPixels(.report, dotsPerInch: 600) }
    }
}

/// `-o` read the way plotting tools read it.
@Suite struct ExportOutputTests {
    func interpret(_ output: String?, _ formats: [ExportFormat]?, panels: Int = 1, folders: Set<String> = []) throws
        -> (output: ExportOutput, formats: [ExportFormat]) {
        try ExportOutput.interpret(output, formats: formats, panels: panels) { folders.contains($0) }
    }

    @Test func oneFigureToANamedFileTakesItsFormatFromTheEnding() throws {
        #expect(try interpret("frontier.svg", nil) == (.file("frontier.svg"), [.svg]))
        #expect(try interpret("fig/frontier.pdf", nil) == (.file("fig/frontier.pdf"), [.pdf]))
        #expect(try interpret("iso.spec.json", nil) == (.file("iso.spec.json"), [.spec]))
        #expect(try interpret("iso.screen.svg", nil) == (.file("iso.screen.svg"), [.screenSVG]))
        #expect(try interpret("frontier.PNG", [.png]) == (.file("frontier.PNG"), [.png]))
        #expect(try interpret("figure", [.png]) == (.file("figure"), [.png]), "a name without an ending is still one file")
    }

    @Test func aFolderIsAnExistingOneATrailingSlashOrManyFiles() throws {
        #expect(try interpret(nil, nil) == (.folder(nil), [.svg]))
        #expect(try interpret("out", [.svg], folders: ["out"]) == (.folder("out"), [.svg]))
        #expect(try interpret("figures/", nil) == (.folder("figures/"), [.svg]))
        #expect(try interpret("figures", [.svg, .pdf]) == (.folder("figures"), [.svg, .pdf]))
        #expect(try interpret("figures", nil, panels: 4) == (.folder("figures"), [.svg]))
        #expect(try interpret("frontier.svg", nil, folders: ["frontier.svg"]) == (.folder("frontier.svg"), [.svg]),
                "a folder that happens to be named like a file is still a folder")
    }

    @Test func aFileNameForManyFilesOrTheWrongFormatIsRefused() {
        #expect(throws: ExportOutputError.oneFileForMany(output: "frontier.svg", panels: 4, formats: 1)) {
            try interpret("frontier.svg", nil, panels: 4)
        }
        #expect(throws: ExportOutputError.oneFileForMany(output: "frontier.svg", panels: 1, formats: 2)) {
            try interpret("frontier.svg", [.svg, .pdf])
        }
        #expect(throws: ExportOutputError.formatMismatch(output: "frontier.pdf", named: .pdf, requested: .svg)) {
            try interpret("frontier.pdf", [.svg])
        }
        #expect("\(ExportOutputError.oneFileForMany(output: "f.svg", panels: 4, formats: 2))".contains("4 panels in 2 formats"))
    }
}

@Suite struct ExportFileTests {
    @Test func aNamedFileIsReplacedWholeAndASymlinkThereIsNotWrittenThrough() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("precious".utf8).write(to: URL(fileURLWithPath: folder + "/precious.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/fig.svg", withDestinationPath: folder + "/precious.txt")
        let file = try ExportFile(path: folder + "/fig.svg", stem: "frontier", watchedRoots: [])
        #expect(try file.write(Array("<svg/>".utf8), stem: "frontier", fileExtension: "svg") == folder + "/fig.svg")
        #expect(try String(contentsOfFile: folder + "/fig.svg", encoding: .utf8) == "<svg/>")
        #expect(try String(contentsOfFile: folder + "/precious.txt", encoding: .utf8) == "precious")
        #expect(try FileManager.default.attributesOfItem(atPath: folder + "/fig.svg")[.type] as? FileAttributeType == .typeRegular)
        _ = try file.write(Array("<svg>2</svg>".utf8), stem: "frontier", fileExtension: "svg")
        #expect(try String(contentsOfFile: folder + "/fig.svg", encoding: .utf8) == "<svg>2</svg>")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["fig.svg", "precious.txt"], "no temporary file left")
    }

    @Test func theParametersGoBesideTheNamedCSV() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try ExportFile(path: folder + "/data/iso.csv", stem: "isoflop", watchedRoots: [])
        let paths = try FigureExporter(sink: file).export(SyntheticFigures.isoFLOP(), formats: [.csv], stem: "isoflop")
        #expect(paths == [folder + "/data/iso.csv", folder + "/data/iso-parameters.csv"])
    }

    @Test func aFileInsideTheWatchedFolderIsRefused() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: ExportDestinationError.self) {
            try ExportFile(path: folder + "/runs/fig.svg", stem: "frontier", watchedRoots: [folder + "/runs"])
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/runs"))
    }
}

/// The file-level promises: PNGs say their resolution, PDFs rebuild byte for byte with
/// SOURCE_DATE_EPOCH, CSV cells cannot run as spreadsheet formulas.
@Suite struct ReproducibleFileTests {
    static var cairoLoads: Bool { (try? CairoLibrary.shared.get()) != nil }

    @Test(.enabled(if: ReproducibleFileTests.cairoLoads, "libcairo.so.2 is not installed (apt-get install libcairo2)"),
          arguments: [144.0, 300, 600])
    func pngCarriesItsResolution(dpi: Double) throws {
        var spec = SyntheticFigures.isoFLOP()
        PageSetup(size: FigureSize(width: 234, height: 180), dotsPerInch: dpi).apply(to: &spec)
        let png = try CairoRenderer.png(spec)
        let header = try #require(PNGHeader(png))
        #expect(header.width == Int((234 * dpi / 72).rounded()) && header.height == Int((180 * dpi / 72).rounded()))
        let phys = try #require(PNGChunkReader.physicalSize(png), "no pHYs chunk")
        #expect(phys.unit == 1 && phys.x == phys.y && phys.x == UInt32((dpi / 0.0254).rounded()))
        #expect(PNGChunkReader.crcsAreValid(png))
        #expect(RasterImage(png: png)?.width == header.width, "cairo still reads the file")
    }

    @Test(.enabled(if: ReproducibleFileTests.cairoLoads, "libcairo.so.2 is not installed (apt-get install libcairo2)"))
    func pdfWithSourceDateEpochIsByteIdenticalAndCarriesThatDate() throws {
        let spec = SyntheticFigures.frontier(pointsPerRun: 40)
        let first = try CairoRenderer.pdf(spec, sourceDateEpoch: 1_700_000_000)
        let second = try CairoRenderer.pdf(spec, sourceDateEpoch: 1_700_000_000)
        #expect(first == second)
        // cairo 1.16 leaves out the "D:" prefix; later versions write it. Either way, that moment.
        let text = String(decoding: first, as: UTF8.self)
        for key in ["/CreationDate (", "/ModDate ("] {
            let date = text.range(of: key).map { String(text[$0.upperBound...].prefix(16)) } ?? ""
            #expect(date.hasPrefix("20231114221320") || date.hasPrefix("D:20231114221320"), "\(key) \(date)")
        }
        #expect(try CairoRenderer.pdf(spec, sourceDateEpoch: 1_600_000_000) != first)
    }

    @Test func sourceDateEpochIsReadStrictly() throws {
        #expect(try SourceDateEpoch.fromEnvironment([:]) == nil)
        #expect(try SourceDateEpoch.fromEnvironment(["SOURCE_DATE_EPOCH": ""]) == nil)
        #expect(try SourceDateEpoch.fromEnvironment(["SOURCE_DATE_EPOCH": "1700000000"]) == 1_700_000_000)
        for bad in ["yesterday", "-5", "1.5", "１２"] {
            #expect(throws: SourceDateEpochError(value: bad)) { try SourceDateEpoch.fromEnvironment(["SOURCE_DATE_EPOCH": bad]) }
        }
    }

    @Test func csvCellsThatASpreadsheetWouldRunAreNeutralised() throws {
        var figure = SyntheticFigures.isoFLOP().figure
        figure.layers = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "plain-name", "N=190M"].map {
            .line(LineSeries(label: $0, points: [DataPoint(x: -1.5, y: 2)], color: .black))
        }
        let rows = FigureData.layersCSV(figure).split(separator: "\n").dropFirst().map(String.init)
        #expect(rows == ["0,line,\"'=HYPERLINK(\"\"http://x\"\")\",line,-1.5,2.0", "1,line,'+1+1,line,-1.5,2.0", "2,line,'-2+3,line,-1.5,2.0",
                         "3,line,'@SUM(A1),line,-1.5,2.0", "4,line,'\tx,line,-1.5,2.0", "5,line,plain-name,line,-1.5,2.0",
                         "6,line,N=190M,line,-1.5,2.0"], "numbers keep their sign; only text is guarded")
        let parameters = FigureData.parametersCSV([FitParameter(name: "=cmd|' /C calc'!A0", value: -0.5, unit: "-", method: "@x")])
        #expect(parameters.hasSuffix("\n'=cmd|' /C calc'!A0,-0.5,,,,'-,'@x\n"))
    }
}

/// PNG chunks read by hand, so the checks do not trust the code that wrote them.
enum PNGChunkReader {
    static func chunks(_ png: [UInt8]) -> [(type: String, data: [UInt8], crc: UInt32)] {
        var out: [(String, [UInt8], UInt32)] = []
        var offset = 8
        func be32(_ i: Int) -> UInt32 { png[i..<(i + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        while offset + 12 <= png.count {
            let length = Int(be32(offset))
            guard offset + 12 + length <= png.count else { break }
            out.append((String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self), Array(png[(offset + 8)..<(offset + 8 + length)]),
                        be32(offset + 8 + length)))
            offset += 12 + length
        }
        return out
    }

    static func physicalSize(_ png: [UInt8]) -> (x: UInt32, y: UInt32, unit: UInt8)? {
        let all = chunks(png)
        guard let index = all.firstIndex(where: { $0.type == "pHYs" }), let idat = all.firstIndex(where: { $0.type == "IDAT" }),
              index < idat, all.filter({ $0.type == "pHYs" }).count == 1 else { return nil }
        let d = all[index].data
        guard d.count == 9 else { return nil }
        func be32(_ i: Int) -> UInt32 { d[i..<(i + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        return (be32(0), be32(4), d[8])
    }

    /// Every chunk's CRC-32 (the reflected 0xEDB88320 polynomial), computed bit by bit.
    static func crcsAreValid(_ png: [UInt8]) -> Bool {
        chunks(png).allSatisfy { chunk in
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in Array(chunk.type.utf8) + chunk.data {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
            }
            return crc ^ 0xFFFF_FFFF == chunk.crc
        }
    }
}
