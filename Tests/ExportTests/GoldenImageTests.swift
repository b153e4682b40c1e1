import Export
import Foundation
import Testing
import TestSupport

/// Renders fixed figures to PNG and compares them with the stored ones in `Golden/`,
/// within a small tolerance for antialiasing and font-hinting differences between cairo and
/// FreeType versions. Re-record on purpose with `SCALETOP_RECORD_SNAPSHOTS=1`, look at the
/// images, commit them.
@Suite struct GoldenImageTests {
    /// Share of pixels allowed to differ by more than `threshold` in a channel: a few hundred
    /// antialiased edge pixels, far less than one changed label.
    static let tolerance = 0.0005
    /// 96/255: glyphs rasterised a shade differently (cairo 1.16 does, from run to run, when
    /// many threads draw text at once: up to 0.06% of pixels by more than 64, none by more
    /// than 128) do not count; a label drawn, moved or missing (dark on light) does.
    static let threshold: UInt32 = 96
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: ["frontier", "isoflop"])
    func renderedFigureMatchesTheStoredImage(name: String) throws {
        let spec = name == "frontier" ? SyntheticFigures.frontier() : SyntheticFigures.isoFLOP()
        let png = try CairoRenderer.png(spec)
        let url = GoldenImageTests.folder.appendingPathComponent(name + ".png")
        let record = ProcessInfo.processInfo.environment["SCALETOP_RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = FileManager.default.contents(atPath: url.path) else {
            try Data(png).write(to: url)
            Issue.record("recorded a new golden image at \(url.path); look at it and run the tests again")
            return
        }
        let actual = try #require(RasterImage(png: png))
        let expected = try #require(RasterImage(png: [UInt8](stored)), "cannot decode \(url.path)")
        let differing = try #require(actual.fractionDiffering(from: expected, threshold: GoldenImageTests.threshold, shiftTolerance: 1),
                                     "size \(actual.width)×\(actual.height), golden \(expected.width)×\(expected.height)")
        if differing > GoldenImageTests.tolerance {
            let failed = NSTemporaryDirectory() + "scaletop-golden-\(name)-actual.png"
            try Data(png).write(to: URL(fileURLWithPath: failed))
            Issue.record("\(name): \(differing * 100)% of pixels differ from \(url.path) (allowed \(GoldenImageTests.tolerance * 100)%); rendered: \(failed)")
        }
    }

    @Test func aChangedFigureIsCaughtByTheComparison() throws {
        var spec = SyntheticFigures.isoFLOP()
        let original = try #require(RasterImage(png: try CairoRenderer.png(spec)))
        spec.figure.layers.removeLast()   // the exponent annotation: one short label
        let changed = try #require(RasterImage(png: try CairoRenderer.png(spec)))
        let differing = try #require(changed.fractionDiffering(from: original, threshold: GoldenImageTests.threshold, shiftTolerance: 1))
        #expect(differing > GoldenImageTests.tolerance, "removing one label changes \(differing * 100)% of pixels")
    }
}

/// The README's example figure (docs/figures/example-frontier.png), drawn from the OLMo
/// ladder in sample-runs/ and kept current by the same golden comparison.
@Suite struct ExampleFigureTests {
    @Test func readmeFigureMatchesTheSampleRuns() throws {
        let png = try CairoRenderer.png(try OLMoLadderFigure.spec())
        let url = SharedData.packageRoot.appendingPathComponent("docs/figures/example-frontier.png")
        let record = ProcessInfo.processInfo.environment["SCALETOP_RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = FileManager.default.contents(atPath: url.path) else {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(png).write(to: url)
            Issue.record("recorded \(url.path); look at it and run the tests again")
            return
        }
        let actual = try #require(RasterImage(png: png))
        let expected = try #require(RasterImage(png: [UInt8](stored)))
        let differing = try #require(actual.fractionDiffering(from: expected, threshold: GoldenImageTests.threshold, shiftTolerance: 1))
        #expect(differing <= GoldenImageTests.tolerance, "\(differing * 100)% of pixels differ from \(url.path)")
    }
}
