import Export
import Foundation
import Testing
import TestSupport

/// cairo is opened at run time, only for PDF and PNG. Its absence is simulated by asking the
/// loader for a library that does not exist: everything but PDF and PNG must still be written,
/// and PDF and PNG refused with one line saying what to install.
@Suite struct CairoLoadingTests {
    static let missing = CairoLibrary.load("libcairo-scaletop-test-absent.so.2")
    static var cairoLoads: Bool { (try? CairoLibrary.shared.get()) != nil }

    @Test func aMissingLibraryIsReportedInOneLineSayingWhatToInstall() throws {
        guard case .failure(let error) = CairoLoadingTests.missing else {
            Issue.record("a library that does not exist was loaded")
            return
        }
        #expect(error.reason.contains("libcairo-scaletop-test-absent.so.2"), "\(error.reason)")
        #expect(error.description.contains("PDF and PNG need cairo") && error.description.contains("apt-get install libcairo2"))
        #expect(!error.description.contains("\n"))
    }

    @Test func aLibraryWithoutCairosFunctionsIsRefusedByName() throws {
        // libm opens fine but has no cairo_create: the loader names the missing function.
        guard case .failure(let error) = CairoLibrary.load("libm.so.6") else {
            Issue.record("libm was taken for cairo")
            return
        }
        #expect(error.reason.contains("has no cairo_"), "\(error.reason)")
    }

    @Test(.enabled(if: CairoLoadingTests.cairoLoads, "libcairo.so.2 is not installed (apt-get install libcairo2)"))
    func theSystemsCairoLoadsAndReportsItsVersion() throws {
        let cairo = try CairoLibrary.shared.get()
        #expect(cairo.version.hasPrefix("1."), "\(cairo.version)")
    }

    @Test func withoutCairoEveryOtherFormatIsWrittenAndPDFAndPNGAreRefused() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let destination = try ExportDestination(folder: folder, watchedRoots: [])
        let plan = FigureExporter.available(ExportFormat.allCases, cairo: CairoLoadingTests.missing)
        #expect(plan.unavailable == [.pdf, .png])
        #expect(plan.formats == ExportFormat.allCases.filter { $0 != .pdf && $0 != .png })
        #expect(plan.reason?.description.contains("apt-get install libcairo2") == true)
        let exporter = FigureExporter(sink: destination, cairo: CairoLoadingTests.missing)
        let paths = try exporter.export(SyntheticFigures.isoFLOP(), grid: ScreenTextTests.panel(), formats: plan.formats, stem: "isoflop")
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["isoflop.svg", "isoflop.csv", "isoflop-parameters.csv", "isoflop.json",
                                                                    "isoflop.spec.json", "isoflop.txt", "isoflop.ansi", "isoflop.html",
                                                                    "isoflop.screen.svg"])
        for format in [ExportFormat.pdf, .png] {
            #expect(throws: CairoUnavailable.self) { try exporter.export(SyntheticFigures.isoFLOP(), formats: [format], stem: "isoflop") }
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/isoflop.pdf"))
        // With cairo present nothing is held back.
        if let cairo = try? CairoLibrary.shared.get() {
            #expect(FigureExporter.available(ExportFormat.allCases, cairo: .success(cairo)).unavailable.isEmpty)
        }
    }

    /// The SVG does not depend on cairo at all: its text is measured from the font's own
    /// metrics, so a machine without cairo writes the same file byte for byte.
    @Test func theSVGIsTheSameWithoutCairo() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = SyntheticFigures.frontier(pointsPerRun: 40)
        let without = try FigureExporter(sink: ExportDestination(folder: folder, watchedRoots: []), cairo: CairoLoadingTests.missing)
            .export(spec, formats: [.svg], stem: "frontier")
        #expect(try String(contentsOfFile: without[0], encoding: .utf8) == SVGRenderer.render(spec))
    }
}

/// DejaVu Sans's advance widths, compiled in, against what cairo measures with the font
/// fontconfig finds: the same to a hundredth of a point, so the layout's text fits the PDF
/// and PNG as drawn.
@Suite struct FontMetricsTests {
    static var cairoWithDejaVu: CairoTextMeasurer? {
        guard let cairo = try? CairoLibrary.shared.get(),
              FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") else { return nil }
        return CairoTextMeasurer(cairo: cairo)
    }

    @Test(.enabled(if: FontMetricsTests.cairoWithDejaVu != nil, "needs cairo and DejaVu Sans (apt-get install libcairo2 fonts-dejavu-core)"),
          arguments: [false, true])
    func compiledWidthsMatchCairosMeasurement(bold: Bool) throws {
        let cairo = try #require(FontMetricsTests.cairoWithDejaVu)
        let metrics = DejaVuSansMetrics()
        let texts = ["10¹⁹", "2×10⁻³", "final loss (nats/token)", "N_opt ∝ C^0.35 [0.30–0.38]", "γ = 0.104 (80%)", "C₀ = 1.6e21 FLOPs",
                     "Übergrößenträger ÅØ", "Кривые потерь", "… and 3 more", "WAVY Tofu", "AV To Ta", "runs/größe→θ"]
        for text in texts {
            for size in [7.5, 10, 12] {
                let ours = metrics.width(of: text, size: size, bold: bold), theirs = cairo.width(of: text, size: size, bold: bold)
                #expect(abs(ours - theirs) < 0.01, "'\(text)' at \(size) pt\(bold ? " bold" : ""): \(ours) against cairo's \(theirs)")
            }
        }
        #expect(abs(metrics.capHeight(size: 10) - cairo.capHeight(size: 10)) < 0.05)
    }

    @Test func charactersTheFontLacksMeasureAsTheMissingGlyphBox() {
        let metrics = DejaVuSansMetrics()
        let box = metrics.width(of: "\u{4E2D}", size: 10, bold: false)
        #expect(abs(box - 1229.0 / 2048 * 10) < 1e-9)
        #expect(metrics.width(of: "\u{1F600}", size: 10, bold: false) == box)
        #expect(metrics.width(of: "", size: 10, bold: false) == 0)
        #expect(metrics.width(of: "e\u{301}", size: 10, bold: false) == metrics.width(of: "e", size: 10, bold: false), "a combining accent has no advance")
    }
}
