import Foundation
import Testing
import TestSupport

/// `s` and `S` in `scaletop watch`, through the real binary in tmux: the files land in
/// --export-dir and the status line names them until the next key.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux (make test installs it)"))
struct DashboardExportEndToEndTests {
    let study: String
    let output: String
    let binary = BuiltBinary.path

    /// The finished twelve-run ladder of `DashboardPanelsEndToEndTests`.
    init() throws {
        let id = UUID().uuidString.prefix(8)
        study = NSTemporaryDirectory() + "scaletop-export-study-\(id)"
        output = NSTemporaryDirectory() + "scaletop-export-out-\(id)"
        try LadderStudyFiles.write(at: study) { _ in 100 }
    }

    func files() -> Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []) }

    @Test func sWritesTheFocusedPanelAndSWritesEveryChartPanel() throws {
        defer {
            try? FileManager.default.removeItem(atPath: study)
            try? FileManager.default.removeItem(atPath: output)
        }
        let session = try TmuxSession(width: 200, height: 45)
        try session.type("'\(binary)' watch '\(study)' --bootstrap 10 --export-dir '\(output)'; echo EXITED=$?")
        try session.waitFor(timeout: 90, "the fits") {
            $0.contains("4·Pareto frontier · L = ") && $0.contains("3·IsoFLOP · N_opt ∝ C^") && $0.contains("12 done")
        }
        try session.press("4")
        try session.press("s")
        let frontier = ["frontier.svg", "frontier.pdf", "frontier.png", "frontier.csv", "frontier-parameters.csv",
                        "frontier.spec.json", "frontier.txt"]
        let written = try session.waitFor(timeout: 30, "the frontier written") {
            $0.contains("wrote 7 files to \(output) (\(frontier.joined(separator: " ")))")
        }
        #expect(!written.contains("0 parse errors"), "the notice replaces the usual status line")
        #expect(files() == Set(frontier))
        let text = try String(contentsOfFile: output + "/frontier.txt", encoding: .utf8)
        #expect(text.contains("4·Pareto frontier · L = ") && !text.contains("2·Runs ("), "the frontier zoomed to the screen")
        #expect(text.split(separator: "\n").count == 45)

        // Any key clears the notice.
        try session.press("a")
        try session.waitFor("the usual status line") { $0.contains("0 parse errors") && !$0.contains("wrote 7 files") }

        try session.press("S")
        let all = try session.waitFor(timeout: 30, "every panel written") { $0.contains("files to \(output) (curves.svg") }
        let status = all.split(separator: "\n").first { $0.contains("files to ") } ?? ""
        // Six files a panel, and a -parameters.csv for the three with fits (the curves have none).
        #expect(status.contains("wrote 27 files"), "\(status)")
        for panel in ["curves", "isoflop", "whatif"] {
            #expect(files().contains("\(panel).svg") && files().contains("\(panel).png") && files().contains("\(panel).txt"))
        }
        #expect(files().contains("frontier-1.svg"), "the earlier frontier.svg is kept")
        try session.press("q")
        try session.waitFor("exit") { $0.contains("EXITED=0") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: study).count == 12, "nothing written into the study")
    }

    /// Without cairo (simulated by naming a library that does not exist) `s` writes the other
    /// formats and the status line says, before the file names, what was left out and why.
    @Test func withoutCairoSWritesTheOtherFormatsAndTheStatusLineSaysWhatToInstall() throws {
        defer {
            try? FileManager.default.removeItem(atPath: study)
            try? FileManager.default.removeItem(atPath: output)
        }
        let session = try TmuxSession(width: 200, height: 45, environment: ["SCALETOP_CAIRO_LIBRARY": "/nonexistent/libcairo.so.2"])
        try session.type("'\(binary)' watch '\(study)' --export-dir '\(output)'; echo EXITED=$?")
        try session.waitFor(timeout: 90, "the fits") { $0.contains("4·Pareto frontier · L = ") && $0.contains("12 done") }
        try session.press("4")
        try session.press("s")
        let screen = try session.waitFor(timeout: 30, "the frontier written without PDF and PNG") {
            $0.contains("wrote 5 files to \(output); skipped: PDF and PNG need cairo")
        }
        let status = screen.split(separator: "\n").first { $0.contains("wrote 5 files") } ?? ""
        #expect(status.contains("apt-get install libcairo2"), "\(status)")
        #expect(files() == ["frontier.svg", "frontier.csv", "frontier-parameters.csv", "frontier.spec.json", "frontier.txt"])
        try session.press("q")
        try session.waitFor("exit") { $0.contains("EXITED=0") }
    }

    @Test func anExportFolderInsideTheWatchedOneIsRefusedAtStartUp() throws {
        defer { try? FileManager.default.removeItem(atPath: study) }
        let result = try ProcessRunner.run([binary, "watch", study, "--export-dir", study + "/figures"])
        #expect(result.status == 1)
        #expect(result.output.contains("--export-dir: not writing into") && result.output.contains("inside the watched run folder"),
                "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: study + "/figures"))
    }
}
