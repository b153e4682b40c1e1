import Foundation
import Testing
import TestSupport

/// The panels of the full dashboard through the real binary in tmux: a small ladder whose
/// runs finish while the test watches, so the frontier and IsoFLOP fits appear and move;
/// then filter, zoom and focus by keys.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux (make test installs it)"))
struct DashboardPanelsEndToEndTests {
    let study: String
    let binary = BuiltBinary.path
    static let sizes: [(name: String, parameters: Double)] = [("100M", 1e8), ("200M", 2e8), ("400M", 4e8), ("800M", 8e8)]

    init() throws {
        study = NSTemporaryDirectory() + "scaletop-panels-\(UUID().uuidString.prefix(8))"
        // Every run but 800M-40tpp is complete; that one stops half way.
        try Self.writeLadder(at: study) { $0 == "800M-40tpp" ? 50 : 100 }
    }

    /// Four sizes × three lengths (10, 20, 40 tokens per parameter), 100 steps planned each,
    /// with metadata; `lastStep` says how far each run (named like "800M-40tpp") has got.
    static func writeLadder(at root: String, lastStep: (String) -> Int) throws {
        for size in sizes {
            for tpp in [10, 20, 40] {
                let name = "\(size.name)-\(tpp)tpp"
                let folder = "\(root)/\(name)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let planned = Double(tpp) * size.parameters
                try "{\"parameters\": \(size.parameters), \"tokens_per_step\": \(planned / 100), \"planned_tokens\": \(planned)}"
                    .write(toFile: folder + "/scaletop.json", atomically: true, encoding: .utf8)
                try lines(parameters: size.parameters, tokensPerStep: planned / 100, steps: 1...lastStep(name))
                    .write(toFile: folder + "/metrics.jsonl", atomically: true, encoding: .utf8)
            }
        }
    }

    /// Loss from a Chinchilla-like law, L = 1.8 + 400/N^0.34 + 2000/D^0.37.
    static func lines(parameters: Double, tokensPerStep: Double, steps: ClosedRange<Int>) -> String {
        steps.map { step in
            let d = Double(step) * tokensPerStep
            return "{\"step\": \(step), \"loss\": \(1.8 + 400 / pow(parameters, 0.34) + 2000 / pow(d, 0.37))}\n"
        }.joined()
    }

    func write(_ text: String, to folder: String) throws {
        let path = folder + "/metrics.jsonl"
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// The rows of the screen between two rows that contain the given texts (a panel).
    func panel(_ screen: String, from title: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = rows.firstIndex(where: { $0.contains(title) }) else { return "" }
        return rows[start...].prefix(while: { !$0.hasPrefix(" ") || $0.contains(title) }).joined(separator: "\n")
    }

    @Test func fitsAppearAndMoveWhenARunFinishesThenFilterZoomAndFocus() throws {
        let session = try TmuxSession(width: 160, height: 45)
        try session.type("'\(binary)' watch '\(study)'; echo EXITED=$?")
        // Eleven finished runs of four sizes: the frontier law and the IsoFLOP fit appear.
        let before = try session.waitFor(timeout: 60, "the fits") {
            $0.contains("4·Pareto frontier · L = ") && $0.contains("3·IsoFLOP · N_opt ∝ C^") && $0.contains("11 done")
        }
        #expect(before.contains("2·Runs (12)"))
        #expect(before.contains("800M-40tpp") && before.contains(" live "))

        // The last run finishes: its point moves down and right on the frontier, and the
        // fits are redone with twelve runs.
        let size = Self.sizes[3]
        try write(Self.lines(parameters: size.parameters, tokensPerStep: 40 * size.parameters / 100, steps: 51...100),
                  to: "\(study)/800M-40tpp")
        let after = try session.waitFor(timeout: 60, "the refit") { $0.contains("12 done") && $0.contains("fits: 12 finished runs") }
        let frontierBefore = panel(before, from: "4·Pareto frontier")
        let frontierAfter = panel(after, from: "4·Pareto frontier")
        #expect(!frontierBefore.isEmpty && frontierBefore != frontierAfter, "the frontier panel changed")

        // Filter to the 800M runs.
        try session.press("/")
        try session.waitFor("the filter line") { $0.contains(" filter: ") }
        try session.insert("N>5e8")
        try session.press("Enter")
        try session.waitFor("the filtered table") { $0.contains("2·Runs (3 of 12)") && $0.contains("filter 'N>5e8': 3 shown") }

        // Focus the frontier and zoom it: it alone fills the screen.
        try session.press("4")
        try session.press("z")
        let zoomed = try session.waitFor("the zoomed frontier") { !$0.contains("2·Runs (") && $0.contains("4·Pareto frontier") }
        #expect(!zoomed.contains("1·Loss curves"))
        try session.press("Escape")
        try session.waitFor("zoom left") { $0.contains("2·Runs (") }
        try session.press("Escape")
        try session.waitFor("the filter cleared") { $0.contains("2·Runs (12)") }

        // A budget typed into the what-if panel: the panel answers for it, and Chinchilla's
        // law gives the paper's answer for the Gopher budget, about 40B parameters
        // (Hoffmann et al. 2022; methods.md §2.3).
        try session.press("b")
        try session.waitFor("the what-if prompt") { $0.contains(" what-if: ") }
        try session.insert("C=5.76e23 N=1e9")
        try session.press("Enter")
        try session.press("z")
        let whatIf = try session.waitFor("the answer at the Gopher budget") {
            $0.contains("5·What-if · C = 5.76e23 FLOPs") && $0.contains("fixed N = 1B") && $0.contains("Chinchilla 2022")
        }
        let chinchillaRow = whatIf.split(separator: "\n").first { $0.contains("Chinchilla 2022") && !$0.contains(":") }
        #expect(chinchillaRow?.contains(" 40.4B ") == true, "Chinchilla's N_opt at 5.76e23: \(chinchillaRow ?? "")")
        try session.press("Escape")

        // A run selected with j shows up highlighted and read by the cursor.
        try session.press("1")
        try session.press("j")
        try session.press("l")
        try session.waitFor("the cursor readout") { $0.contains(": tokens ") && $0.contains("→ loss ") }
        try session.press("q")
        try session.waitFor("exit") { $0.contains("EXITED=0") }
    }
}
