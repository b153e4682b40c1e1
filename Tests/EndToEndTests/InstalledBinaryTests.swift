import Foundation
import Testing
import TestSupport

/// The binary `make install` puts on a cluster login node, run as a new user meets it: from
/// a folder outside the checkout, with the Swift toolchain and the checkout itself hidden by
/// empty folders bound over them in a private mount namespace (`unshare -m`). `make test`
/// builds the static binary first (`make install-build`); each test installs it into a
/// temporary prefix with `make install PREFIX=…`.
@Suite(.serialized, .enabled(if: InstalledBinary.skipReason == nil, InstalledBinary.comment))
struct InstalledBinaryTests {
    static let prefix = InstalledBinary.installedPrefix

    /// Run `arguments` in a shell inside a private mount namespace where the toolchain and
    /// the checkout are empty folders, from a scratch folder elsewhere.
    static func hidden(_ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let outside = try folder ?? InstalledBinary.scratchFolder()
        let quoted = arguments.map(InstalledBinary.shellQuote).joined(separator: " ")
        let exports = environment.map { "export \($0.key)=\(InstalledBinary.shellQuote($0.value)); " }.joined()
        let script = InstalledBinary.hideCommands + " && cd \(InstalledBinary.shellQuote(outside)) && \(exports)exec \(quoted)"
        return try ProcessRunner.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script])
    }

    /// glibc's libraries and libgcc_s (its static unwinder would need glibc 2.35): nothing
    /// else, not even libstdc++, zlib or cairo (opened only for PDF and PNG).
    @Test func theBinaryNeedsOnlyGlibcFromTheSystem() throws {
        let readelf = try ProcessRunner.run(["readelf", "-d", Self.prefix + "/bin/scaletop"])
        try #require(readelf.status == 0, "readelf: \(readelf.output)")
        let needed = Set(readelf.output.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        })
        let allowed: Set<String> = ["libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2", "libgcc_s.so.1"]
        #expect(needed.isSubset(of: allowed), "links \(needed.subtracting(allowed).sorted())")
        #expect(!needed.contains { $0.hasPrefix("libswift") || $0.hasPrefix("libFoundation") || $0.hasPrefix("libdispatch") })
    }

    /// Linked at a fixed address, with none of its own symbols exported (Package.swift,
    /// `staticRuntimeFlags`): the loader has no address to patch at start-up (140,030 in a
    /// position-independent build, on 423 pages it copied: 3 ms of every start, issue 16) and
    /// no 1 MB symbol table.
    @Test func theLoaderHasNothingToPatchAtStartUp() throws {
        let binary = Self.prefix + "/bin/scaletop"
        let header = try ProcessRunner.run(["readelf", "-h", binary])
        try #require(header.status == 0, "readelf: \(header.output)")
        // "EXEC (" and not the words after it, which readelf translates.
        #expect(header.output.contains("EXEC ("), "\(header.output)")
        // -W: the relocation types whole (R_AARCH64_RELATIVE is cut short without it).
        let relocations = try ProcessRunner.run(["readelf", "-r", "-W", binary])
        try #require(relocations.status == 0, "readelf: \(relocations.output)")
        let relative = relocations.output.split(separator: "\n").filter { $0.contains("_RELATIVE ") }
        #expect(relative.isEmpty, "\(relative.count) addresses patched at start-up")
        let symbols = try ProcessRunner.run(["readelf", "--dyn-syms", "-W", binary])
        try #require(symbols.status == 0, "readelf: \(symbols.output)")
        // stdin, stdout, stderr and two wrapped functions (5), not its own 39,000.
        let defined = symbols.output.split(separator: "\n").filter { $0.contains(" GLOBAL ") && !$0.contains(" UND ") }
        #expect(defined.count < 50, "\(defined.count) symbols exported, e.g. \(defined.prefix(3))")
    }

    @Test func versionNamesTheCommit() throws {
        let result = try Self.hidden([Self.prefix + "/bin/scaletop", "--version"])
        #expect(result.status == 0, "\(result.output)")
        let version = try String(contentsOf: SharedData.packageRoot.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.output.hasPrefix("scaletop \(version) (commit "), "\(result.output)")
    }

    @Test func completionsAndTheManPageAreInstalled() throws {
        for file in ["share/bash-completion/completions/scaletop", "share/zsh/site-functions/_scaletop",
                     "share/fish/vendor_completions.d/scaletop.fish", "share/man/man1/scaletop.1"] {
            let text = (try? String(contentsOfFile: Self.prefix + "/" + file, encoding: .utf8)) ?? ""
            #expect(text.contains("watch") && text.contains("export"), "\(file) names the subcommands")
        }
        let manual = try String(contentsOfFile: Self.prefix + "/share/man/man1/scaletop.1", encoding: .utf8)
        #expect(manual.contains(".Dt SCALETOP 1"))
    }

    @Test func runsAndExportWorkFromAnyFolderWithTheDefaultTheme() throws {
        let study = try InstalledBinary.copyOfTheLadder()
        let runs = try Self.hidden([Self.prefix + "/bin/scaletop", "runs", study])
        #expect(runs.status == 0, "\(runs.output)")
        #expect(runs.output.contains("25 runs, 2,920 points, 0 problems"))

        let out = try InstalledBinary.scratchFolder()
        let export = try Self.hidden([Self.prefix + "/bin/scaletop", "export", study, "--panel", "frontier",
                                      "--format", "svg,png,pdf,csv", "-o", out + "/figures"])
        #expect(export.status == 0, "\(export.output)")
        for ending in ["svg", "png", "pdf", "csv"] {
            let path = out + "/figures/frontier." + ending
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            #expect(size > 1000, "\(path) written")
        }
    }

    @Test func aBadConfigFileIsOneLineAndTheDefaultsAreUsed() throws {
        let home = try InstalledBinary.scratchFolder()
        try FileManager.default.createDirectory(atPath: home + "/scaletop", withIntermediateDirectories: true)
        try "hardware: A100\nbootstrap: many\n".write(toFile: home + "/scaletop/config.yml", atomically: true, encoding: .utf8)
        let before = try FileManager.default.contentsOfDirectory(atPath: home + "/scaletop")
        let result = try Self.hidden([Self.prefix + "/bin/scaletop", "whatif", "--gpu-hours", "1000"],
                                     environment: ["XDG_CONFIG_HOME": home])
        #expect(result.status == 0, "\(result.output)")
        let warnings = result.output.split(separator: "\n").filter { $0.hasPrefix("scaletop: ") }
        #expect(warnings == ["scaletop: \(home)/scaletop/config.yml:2: bootstrap: expected a whole number from 0 to 100000, got 'many'; ignored"])
        #expect(result.output.contains("A100 GPU-hours"), "the good key is used: \(result.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home + "/scaletop") == before, "nothing written there")
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux (make test installs it)"))
    func demoAndWatchRunInATerminalWithTheToolchainHidden() throws {
        let study = try InstalledBinary.copyOfTheLadder()
        let outside = try InstalledBinary.scratchFolder()
        let session = try TmuxSession(width: 140, height: 40)
        try session.type("exec unshare --mount --propagation private bash --norc --noprofile -i")
        let toolchain = InstalledBinary.shellQuote(InstalledBinary.toolchain ?? "/")
        try session.type(InstalledBinary.hideCommands + " && cd \(InstalledBinary.shellQuote(outside))"
            + " && test -z \"$(ls -A \(toolchain))\" && echo HIDDEN-\"OK\"")
        try session.waitFor(timeout: 20, "the toolchain hidden") { $0.contains("HIDDEN-OK") }
        try session.type("\(Self.prefix)/bin/scaletop demo --duration 15 --bootstrap 20")
        try session.waitFor(timeout: 60, "the demo's runs") { $0.contains("25 runs") && $0.contains("Loss curves") }
        try session.press("q")
        try session.waitFor(timeout: 20, "the shell after the demo") { InstalledBinary.showsPrompt($0) && !$0.contains("Loss curves") }

        try session.type("clear; \(Self.prefix)/bin/scaletop watch \(InstalledBinary.shellQuote(study)) --theme light --bootstrap 20")
        let screen = try session.waitFor(timeout: 60, "the watched study") { $0.contains("25 runs") && $0.contains("Pareto frontier") }
        #expect(!screen.contains("no theme"))
        try session.press("q")
        try session.waitFor(timeout: 20, "the shell after watch") { InstalledBinary.showsPrompt($0) && !$0.contains("Pareto frontier") }
    }
}

/// Finding, installing and hiding for the installed-binary tests.
enum InstalledBinary {
    static let root = SharedData.packageRoot.path
    static let staticBinary = root + "/.build-install/release/scaletop"

    /// Where the toolchain lives (the folder above `usr/bin/swift`), to hide it.
    static let toolchain: String? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let swift = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift").resolvingSymlinksInPath()
            if FileManager.default.isExecutableFile(atPath: swift.path) {
                return swift.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
            }
        }
        return nil
    }()

    static let emptyFolder: String = {
        let path = NSTemporaryDirectory() + "scaletop-empty-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Shell commands that bind the empty folder over the toolchain and the checkout.
    static var hideCommands: String {
        ([toolchain, root].compactMap { $0 }).map { "mount --bind \(shellQuote(emptyFolder)) \(shellQuote($0))" }
            .joined(separator: " && ")
    }

    /// Why the suite cannot run here, or nil.
    static let skipReason: String? = {
        guard FileManager.default.isExecutableFile(atPath: staticBinary) else {
            return "no static build at .build-install/release/scaletop (make test or make install-build makes it)"
        }
        guard toolchain != nil else { return "cannot find the Swift toolchain to hide" }
        guard (try? ProcessRunner.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                                       "mount --bind \(shellQuote(emptyFolder)) \(shellQuote(root))"]).status) == 0 else {
            return "unshare -m with a bind mount is not permitted here (needs root or user namespaces)"
        }
        return nil
    }()

    static var comment: Comment { Comment(rawValue: skipReason ?? "") }

    /// `make install PREFIX=<temporary folder>`, once per test process.
    static let installedPrefix: String = {
        let prefix = NSTemporaryDirectory() + "scaletop-prefix-\(UUID().uuidString.prefix(8))"
        let result = try? ProcessRunner.run(["make", "-C", root, "--no-print-directory", "install", "PREFIX=" + prefix])
        if result?.status != 0 { Issue.record("make install failed: \(result?.output ?? "")") }
        return prefix
    }()

    static func scratchFolder() throws -> String {
        let path = NSTemporaryDirectory() + "scaletop-outside-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The OLMo ladder copied out of the checkout, which the tests hide.
    static func copyOfTheLadder() throws -> String {
        let study = try scratchFolder() + "/olmo-ladder"
        try FileManager.default.copyItem(atPath: root + "/sample-runs/olmo-ladder", toPath: study)
        return study
    }

    /// The shell's prompt (`$ `, which capture-pane prints without its space) is on screen.
    static func showsPrompt(_ screen: String) -> Bool {
        screen.split(separator: "\n").contains { $0 == "$" || $0.hasPrefix("$ ") }
    }

    static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
