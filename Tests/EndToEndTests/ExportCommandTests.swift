import Foundation
import Testing
import TestSupport

/// `scaletop export` on the bundled OLMo ladder, each file checked by the program that
/// would consume it: xmllint for SVG, pdfinfo for PDF, the PNG's own header, JSON and CSV
/// parsers. Bootstrap resamples are cut to 20 to keep the debug binary quick.
@Suite(.serialized) struct ExportCommandTests {
    let binary = BuiltBinary.path
    let ladder = SharedData.packageRoot.appendingPathComponent("sample-runs/olmo-ladder").path

    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "scaletop-export-e2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func has(_ tool: String) -> Bool { (try? ProcessRunner.run(["sh", "-c", "command -v \(tool)"]).status) == 0 }

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ProcessRunner.run([binary, "export"] + arguments)
    }

    @Test func everyFormatOfTheFrontierPassesItsConsumer() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try run([ladder, "--panel", "frontier", "--format", "svg,pdf,png,csv,json,spec,txt,ansi,html,screen-svg",
                              "-o", out, "--theme", "light", "--bootstrap", "20", "--width", "110", "--height", "36"])
        #expect(result.status == 0, "\(result.output)")
        let names = ["frontier.svg", "frontier.pdf", "frontier.png", "frontier.csv", "frontier-parameters.csv", "frontier.json",
                     "frontier.spec.json", "frontier.txt", "frontier.ansi", "frontier.html", "frontier.screen.svg"]
        #expect(result.output.split(separator: "\n").map(String.init) == names.map { out + "/" + $0 }, "each path written is printed")

        if has("xmllint") {
            for svg in ["frontier.svg", "frontier.screen.svg"] {
                let check = try ProcessRunner.run(["xmllint", "--noout", out + "/" + svg])
                #expect(check.status == 0 && check.output.isEmpty, "\(svg): \(check.output)")
            }
            let html = try ProcessRunner.run(["xmllint", "--html", "--noout", out + "/frontier.html"])
            #expect(html.status == 0, "frontier.html: \(html.output)")
        } else { print("skipped the SVG checks: xmllint is not installed (apt-get install libxml2-utils)") }
        if has("rsvg-convert") {
            // librsvg draws it: the figure renders, not just parses.
            let render = try ProcessRunner.run(["rsvg-convert", "-o", out + "/rendered.png", out + "/frontier.svg"])
            #expect(render.status == 0 && render.output.isEmpty, "rsvg-convert: \(render.output)")
            let size = (try? FileManager.default.attributesOfItem(atPath: out + "/rendered.png")[.size] as? Int) ?? 0
            #expect(size > 10_000, "rsvg-convert drew \(size) bytes")
        } else { print("skipped the SVG rendering: rsvg-convert is not installed (apt-get install librsvg2-bin)") }
        let svg = try String(contentsOfFile: out + "/frontier.svg", encoding: .utf8)
        for text in ["Compute frontier", "training compute", "nats/token", "sample-runs/olmo-ladder", "runs on the frontier"] {
            #expect(svg.contains(text), "the SVG says '\(text)'")
        }
        #expect(svg.utf8.count < 200_000, "a 25-run frontier is well under 200 KB (\(svg.utf8.count) bytes)")

        if has("pdfinfo") {
            let info = try ProcessRunner.run(["pdfinfo", out + "/frontier.pdf"])
            let fields = info.output.split(separator: "\n").map { $0.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) } }
            #expect(info.status == 0 && fields.contains(["Pages", "1"]) && fields.contains(["Page size", "504 x 360 pts"]), "\(info.output)")
            #expect(fields.contains(["Title", "Compute frontier"]), "\(info.output)")
        } else { print("skipped the PDF check: pdfinfo is not installed (apt-get install poppler-utils)") }

        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/frontier.png")))
        #expect(png.count > 24 && png[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A][...])
        func be32(_ i: Int) -> Int { png[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 1008 && be32(20) == 720, "504 × 360 pt at 2 px/pt")

        let csv = try String(contentsOfFile: out + "/frontier-parameters.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 4, "a header and γ, E, C₀:\n\(csv)")
        #expect(csv.contains("γ") && csv.contains("0.8"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/frontier.json")))
        #expect(json is [String: Any])
        let spec = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/frontier.spec.json"))) as? [String: Any])
        #expect(spec["version"] as? Int == 1)

        let text = try String(contentsOfFile: out + "/frontier.txt", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 36 && lines.allSatisfy { $0.count == 110 }, "110 × 36 cells")
        #expect(text.contains("4·Pareto frontier · L = ") && !text.contains("1·Loss curves"), "the frontier alone, zoomed")
        let ansi = try String(contentsOfFile: out + "/frontier.ansi", encoding: .utf8)
        #expect(ansi.contains(";38;2;") && ansi.hasPrefix("\u{1B}["), "24-bit colours")
    }

    @Test func allPanelsAreWrittenAndNothingIsOverwritten() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        for round in 0..<2 {
            let result = try run([ladder, "--format", "svg", "-o", out, "--bootstrap", "20", "--budget", "1e22", "--filter", "N>3e8"])
            #expect(result.status == 0, "\(result.output)")
            let suffix = round == 0 ? "" : "-1"
            #expect(result.output == ["curves", "isoflop", "frontier", "whatif"].map { "\(out)/\($0)\(suffix).svg\n" }.joined())
        }
        let whatIf = try String(contentsOfFile: out + "/whatif.svg", encoding: .utf8)
        #expect(whatIf.contains("C = 1e22 FLOPs"))
        #expect(whatIf.contains("20 of 25 runs from") && whatIf.contains("N&gt;3e8"), "the caption names the filter")
    }

    @Test func anOutputFolderInsideTheStudyIsRefused() throws {
        let study = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: study) }
        try FileManager.default.copyItem(atPath: ladder + "/190M-1xC", toPath: study + "/190M-1xC")
        for output in [study, study + "/figures"] {
            let result = try run([study, "--panel", "curves", "-o", output])
            #expect(result.status == 1)
            #expect(result.output.contains("not writing into") && result.output.contains("Choose another output folder"), "\(result.output)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: study) == ["190M-1xC"], "nothing was created in the study")
    }

    @Test func aSpecDrawsTheSameSVGAgain() throws {
        let first = try temporaryFolder(), second = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: first); try? FileManager.default.removeItem(atPath: second) }
        let exported = try run([ladder, "--panel", "isoflop", "--format", "svg,spec", "-o", first, "--bootstrap", "20"])
        #expect(exported.status == 0, "\(exported.output)")
        let again = try run(["--spec", first + "/isoflop.spec.json", "--format", "svg", "-o", second])
        #expect(again.status == 0 && again.output == second + "/isoflop.svg\n", "\(again.output)")
        let a = try Data(contentsOf: URL(fileURLWithPath: first + "/isoflop.svg"))
        let b = try Data(contentsOf: URL(fileURLWithPath: second + "/isoflop.svg"))
        #expect(a == b && a.count > 1000, "the spec re-creates the same SVG, byte for byte")
        let screen = try run(["--spec", first + "/isoflop.spec.json", "--format", "txt", "-o", second])
        #expect(screen.status == 1 && screen.output.contains("a spec does not keep"), "\(screen.output)")
    }

    @Test(arguments: [
        (["--panel", "runs"], "is not a chart panel"),
        (["--format", "svg,gif"], "'gif' is not a format"),
        (["--filter", "N>>1"], "--filter 'N>>1'"),
        (["--budget", "1e40"], "--budget must be"),
        (["--width", "5"], "--width must be"),
        (["--theme", "no-such-theme"], "no theme 'no-such-theme'"),
    ])
    func badInputSaysWhatWasWrongAndExits1(arguments: [String], message: String) throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try run([ladder, "-o", out] + arguments)
        #expect(result.status == 1, "\(arguments): \(result.output)")
        #expect(result.output.contains(message), "\(arguments): \(result.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }
}
