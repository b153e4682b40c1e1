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

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ProcessRunner.run([binary, "export"] + arguments)
    }

    /// The frontier exported to `formats` (zoomed at 110 × 36 cells, light theme) into a fresh
    /// folder, which `check` is given with the command's output and which is removed after.
    func withExportedFrontier(_ formats: String, _ check: (_ folder: String, _ output: String) throws -> Void) throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try run([ladder, "--panel", "frontier", "--format", formats, "-o", out, "--theme", "light", "--bootstrap", "20",
                              "--width", "110", "--height", "36"])
        #expect(result.status == 0, "\(result.output)")
        try check(out, result.output)
    }

    @Test func everyFormatOfTheFrontierIsWrittenAndReadsBack() throws {
        try withExportedFrontier("svg,pdf,png,csv,json,spec,txt,ansi,html,screen-svg") { out, output in
            let names = ["frontier.svg", "frontier.pdf", "frontier.png", "frontier.csv", "frontier-parameters.csv", "frontier.json",
                         "frontier.spec.json", "frontier.txt", "frontier.ansi", "frontier.html", "frontier.screen.svg"]
            #expect(output.split(separator: "\n").map(String.init) == names.map { out + "/" + $0 }, "each path written is printed")

            let svg = try String(contentsOfFile: out + "/frontier.svg", encoding: .utf8)
            for text in ["Compute frontier", "training compute", "nats/token", "25 runs from olmo-ladder", "runs on the frontier"] {
                #expect(svg.contains(text), "the SVG says '\(text)'")
            }
            #expect(!svg.contains("sample-runs/"), "the caption names the study, not the path typed")
            #expect(svg.utf8.count < 200_000, "a 25-run frontier is well under 200 KB (\(svg.utf8.count) bytes)")

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
    }

    @Test(ExternalTool.required("xmllint", "checks that the exported SVG, screen SVG and HTML are well-formed"))
    func theFrontierSVGsAndHTMLPassXmllint() throws {
        try withExportedFrontier("svg,html,screen-svg") { out, _ in
            for svg in ["frontier.svg", "frontier.screen.svg"] {
                let check = try ProcessRunner.run(["xmllint", "--noout", out + "/" + svg])
                #expect(check.status == 0 && check.output.isEmpty, "\(svg): \(check.output)")
            }
            let html = try ProcessRunner.run(["xmllint", "--html", "--noout", out + "/frontier.html"])
            #expect(html.status == 0, "frontier.html: \(html.output)")
        }
    }

    @Test(ExternalTool.required("rsvg-convert", "draws the exported SVG with librsvg"))
    func theFrontierSVGRendersWithLibrsvg() throws {
        try withExportedFrontier("svg") { out, _ in
            // librsvg draws it: the figure renders, not just parses.
            let render = try ProcessRunner.run(["rsvg-convert", "-o", out + "/rendered.png", out + "/frontier.svg"])
            #expect(render.status == 0 && render.output.isEmpty, "rsvg-convert: \(render.output)")
            let size = (try? FileManager.default.attributesOfItem(atPath: out + "/rendered.png")[.size] as? Int) ?? 0
            #expect(size > 10_000, "rsvg-convert drew \(size) bytes")
        }
    }

    @Test(ExternalTool.required("pdfinfo", "reads the exported PDF's pages, size and title"))
    func theFrontierPDFPassesPdfinfo() throws {
        try withExportedFrontier("pdf") { out, _ in
            let info = try ProcessRunner.run(["pdfinfo", out + "/frontier.pdf"])
            let fields = info.output.split(separator: "\n").map { $0.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) } }
            #expect(info.status == 0 && fields.contains(["Pages", "1"]) && fields.contains(["Page size", "504 x 360 pts"]), "\(info.output)")
            #expect(fields.contains(["Title", "Compute frontier"]), "\(info.output)")
        }
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

    // MARK: - -o FILE or DIR, page options, reproducible files

    @Test func oneFigureGoesToTheNamedFileWhoseEndingChoosesTheFormat() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let pdf = try run([ladder, "--panel", "frontier", "-o", out + "/fig/frontier.pdf", "--bootstrap", "20"])
        #expect(pdf.status == 0 && pdf.output == out + "/fig/frontier.pdf\n", "\(pdf.output)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/fig/frontier.pdf")))
        #expect(bytes.starts(with: Array("%PDF".utf8)), "a PDF file, not a folder named frontier.pdf")
        // Run again: the same file is replaced, as make expects.
        let again = try run([ladder, "--panel", "frontier", "-o", out + "/fig/frontier.pdf", "--bootstrap", "20"])
        #expect(again.status == 0 && again.output == out + "/fig/frontier.pdf\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/fig") == ["frontier.pdf"])
        // The fit parameters go beside a named CSV.
        let csv = try run([ladder, "--panel", "isoflop", "--format", "csv", "-o", out + "/iso.csv", "--bootstrap", "20"])
        #expect(csv.output == out + "/iso.csv\n" + out + "/iso-parameters.csv\n", "\(csv.output)")
    }

    @Test func aFolderIsATrailingSlashAnExistingFolderOrSeveralFiles() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let slash = try run([ladder, "--panel", "frontier", "-o", out + "/new/", "--bootstrap", "20"])
        #expect(slash.status == 0 && slash.output == out + "/new/frontier.svg\n", "\(slash.output)")
        let several = try run([ladder, "--panel", "frontier", "--format", "svg,csv", "-o", out + "/many", "--bootstrap", "20"])
        #expect(several.output.hasPrefix(out + "/many/frontier.svg\n"), "\(several.output)")
        let refused = try run([ladder, "-o", out + "/all.svg", "--bootstrap", "20"])
        #expect(refused.status == 1 && refused.output.contains("names one file, but this export writes 4 panels"), "\(refused.output)")
        let mismatch = try run([ladder, "--panel", "frontier", "--format", "svg", "-o", out + "/f.pdf"])
        #expect(mismatch.status == 1 && mismatch.output.contains("--format is svg"), "\(mismatch.output)")
        #expect(!FileManager.default.fileExists(atPath: out + "/all.svg") && !FileManager.default.fileExists(atPath: out + "/f.pdf"))
    }

    @Test func sizeResolutionAndTypeReachTheFiles() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try run([ladder, "--panel", "frontier", "--format", "png,svg,pdf", "-o", out, "--size", "3.25x2.5in", "--dpi", "300",
                              "--font-size", "8", "--no-title", "--no-caption", "--bootstrap", "20"])
        #expect(result.status == 0, "\(result.output)")
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/frontier.png")))
        func be32(_ i: Int) -> Int { png[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 975 && be32(20) == 750, "3.25 × 2.5 in at 300 dpi")
        // pHYs right after IHDR: 11811 pixels per metre (300 dpi), unit 1 (metre).
        #expect(String(decoding: png[37..<41], as: UTF8.self) == "pHYs" && be32(41) == 11811 && be32(45) == 11811 && png[49] == 1)
        let svg = try String(contentsOfFile: out + "/frontier.svg", encoding: .utf8)
        #expect(svg.contains("width=\"234pt\" height=\"180pt\""))
        #expect(!svg.contains(">Compute frontier<") && !svg.contains("runs from olmo-ladder"), "no title, no caption")
        #expect(svg.contains("font-size:8px"))
        for bad in [["--size", "3x2"], ["--dpi", "10"], ["--font-size", "60"], ["--size", "40x40in", "--dpi", "1200"]] {
            let refused = try run([ladder, "-o", out + "/bad/"] + bad)
            #expect(refused.status == 1 && refused.output.split(separator: "\n").count == 1, "\(bad): \(refused.output)")
        }
    }

    @Test(ExternalTool.required("pdfinfo", "reads the page size and title of the exported PDF"))
    func thePageSizeReachesThePDFAndTheTitleItsMetadata() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try run([ladder, "--panel", "frontier", "--format", "pdf", "-o", out, "--size", "3.25x2.5in", "--no-title",
                              "--bootstrap", "20"])
        #expect(result.status == 0, "\(result.output)")
        let info = try ProcessRunner.run(["pdfinfo", out + "/frontier.pdf"])
        #expect(info.output.contains("234 x 180 pts") && info.output.contains("Compute frontier"), "the title stays in the metadata: \(info.output)")
    }

    @Test func sourceDateEpochMakesPDFsReproducible() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        for name in ["a.pdf", "b.pdf"] {
            let result = try ProcessRunner.run(["env", "SOURCE_DATE_EPOCH=1700000000", binary, "export", ladder, "--panel", "frontier",
                                                "-o", out + "/" + name, "--bootstrap", "20"])
            #expect(result.status == 0, "\(result.output)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: out + "/a.pdf")), b = try Data(contentsOf: URL(fileURLWithPath: out + "/b.pdf"))
        #expect(a == b && a.count > 1000, "the same study, the same PDF, byte for byte")
        let bad = try ProcessRunner.run(["env", "SOURCE_DATE_EPOCH=last tuesday", binary, "export", ladder, "--panel", "frontier",
                                         "--format", "pdf", "-o", out + "/c.pdf"])
        #expect(bad.status == 1 && bad.output.contains("SOURCE_DATE_EPOCH='last tuesday'"), "\(bad.output)")
    }

    // MARK: - Without cairo

    /// The binary does not link cairo: it is opened at run time, for PDF and PNG only.
    @Test(ExternalTool.required("readelf", "lists the libraries the binary needs"))
    func theBinaryDoesNotNeedCairoToStart() throws {
        let needed = try ProcessRunner.run(["readelf", "-d", binary])
        #expect(needed.status == 0 && needed.output.contains("(NEEDED)"), "\(needed.output)")
        #expect(!needed.output.contains("libcairo"), "\(needed.output)")
    }

    /// cairo missing, simulated by naming a library that does not exist: SVG and CSV are
    /// written, PDF and PNG refused in one line, and the run fails so a script notices.
    @Test func withoutCairoTheOtherFormatsAreWrittenAndOneLineSaysWhatToInstall() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let absent = ["env", "SCALETOP_CAIRO_LIBRARY=/nonexistent/libcairo.so.2", binary, "export", ladder, "--panel", "frontier",
                      "--bootstrap", "20"]
        let mixed = try ProcessRunner.run(absent + ["--format", "svg,png,csv", "-o", out])
        #expect(mixed.status == 1)
        // Paths on stdout, the one line on stderr (merged here, in either order).
        let lines = mixed.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix(out) } == [out + "/frontier.svg", out + "/frontier.csv", out + "/frontier-parameters.csv"],
                "\(mixed.output)")
        let others = lines.filter { !$0.hasPrefix(out) }
        #expect(others.count == 1 && others[0].contains("PDF and PNG need cairo") && others[0].contains("apt-get install libcairo2"),
                "\(mixed.output)")
        let only = try ProcessRunner.run(absent + ["-o", out + "/frontier.png"])
        #expect(only.status == 1 && only.output.split(separator: "\n").count == 1 && only.output.contains("apt-get install libcairo2"))
        #expect(!FileManager.default.fileExists(atPath: out + "/frontier.png"))
    }

    /// The same with cairo really gone: in a private mount namespace an empty file is bound
    /// over the library, so the loader finds it and cannot load it. Nothing outside the
    /// namespace sees the change.
    @Test(.enabled(if: ExportCommandTests.privateMountsWork, "unshare -m is not permitted here (needs root or CAP_SYS_ADMIN)"))
    func withCairoHiddenByAMountTheBinaryStillExportsSVG() throws {
        let library = try #require(ExportCommandTests.cairoPath, "libcairo.so.2 is not in the loader's cache")
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try Data().write(to: URL(fileURLWithPath: out + "/empty"))
        let script = "mount --bind '\(out)/empty' '\(library)' && exec '\(binary)' export '\(ladder)' --panel frontier --format svg,png "
            + "-o '\(out)/figs' --bootstrap 20"
        let hidden = try ProcessRunner.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script])
        #expect(hidden.status == 1, "\(hidden.output)")
        #expect(hidden.output.contains(out + "/figs/frontier.svg") && hidden.output.contains("PDF and PNG need cairo"), "\(hidden.output)")
        #expect(FileManager.default.fileExists(atPath: out + "/figs/frontier.svg") && !FileManager.default.fileExists(atPath: out + "/figs/frontier.png"))
        // Outside the namespace cairo is untouched.
        let png = try run([ladder, "--panel", "frontier", "--format", "png", "-o", out + "/after.png", "--bootstrap", "20"])
        #expect(png.status == 0, "\(png.output)")
    }

    static let privateMountsWork: Bool = (try? ProcessRunner.run(["unshare", "-m", "--propagation", "private", "true"]).status) == 0

    /// Where libcairo.so.2 lives, from the dynamic loader's cache, with links followed.
    static let cairoPath: String? = {
        guard let cache = try? ProcessRunner.run(["sh", "-c", "ldconfig -p 2>/dev/null || /sbin/ldconfig -p"]), cache.status == 0,
              let line = cache.output.split(separator: "\n").first(where: { $0.contains("libcairo.so.2 ") && $0.contains("x86-64") })
                ?? cache.output.split(separator: "\n").first(where: { $0.contains("libcairo.so.2 ") }),
              let arrow = line.range(of: "=> ") else { return nil }
        let path = String(line[arrow.upperBound...]).trimmingCharacters(in: .whitespaces)
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }()
}
