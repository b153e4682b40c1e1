import ArgumentParser
import Export
import Foundation
import RunIngest

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the bundled sample runs into a temporary folder and watch them grow.",
        discussion: """
        Copies sample-runs/ to a temporary folder, empties each run's log, then appends the
        real lines back over about a minute, as training code would, while the dashboard
        follows. The temporary folder is removed on exit.
        """
    )

    @Option(help: "The sample runs to replay (default: sample-runs/ of this checkout).")
    var samples: String?

    @Option(help: "Seconds the replay takes.")
    var duration: Double = 60

    @OptionGroup var options: DashboardOptions

    func validate() throws {
        guard duration.isFinite, duration >= 1, duration <= 86_400 else {
            throw ValidationError("--duration must be between 1 and 86400 seconds")
        }
    }

    func run() throws {
        guard let source = samples ?? DemoCommand.bundledSamples() else {
            throw ValidationError("cannot find sample-runs/; run from the scaletop checkout or pass --samples DIR")
        }
        let replay = try Replay.prepare(from: source, duration: duration)
        defer { replay.finish() }
        let follower = StudyFollower(root: replay.folder, mode: options.followMode)
        replay.start()
        let code = try options.runDashboard(feed: follower, title: "demo: replaying \(source)",
                                            studyName: FigureProvenance.folderName(source))
        if code != 0 { throw ExitCode(code) }
    }

    static func bundledSamples() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/sample-runs"]
        if let root = SourceTree.root { candidates.append(root + "/sample-runs") }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
