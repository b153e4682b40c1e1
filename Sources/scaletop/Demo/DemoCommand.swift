import ArgumentParser
import BundledFiles
import Export
import Foundation
import RunIngest

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the bundled sample runs into a temporary folder and watch them grow.",
        discussion: """
        Writes the sample runs built into scaletop (the OLMo ladder: 25 real runs, 5 sizes × 5
        lengths) to a temporary folder with each run's log emptied, then appends the real lines
        back over about a minute, as training code would, while the dashboard follows. The
        temporary folder is removed on exit. --samples DIR replays a folder of your own instead.
        """
    )

    @Option(help: "A folder of runs to replay instead of the built-in sample runs.")
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
        let replay: Replay
        let source: String
        if let samples {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: samples, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--samples: \(samples) is not a folder")
            }
            replay = try Replay.prepare(from: samples, duration: duration)
            source = samples
        } else {
            replay = try Replay.prepare(bundled: BundledFiles.files(under: "sample-runs"), under: "sample-runs", duration: duration)
            source = "sample-runs"
        }
        defer { replay.finish() }
        let follower = StudyFollower(root: replay.folder, mode: options.followMode)
        replay.start()
        let code = try options.runDashboard(feed: follower, title: "demo: replaying \(source)",
                                            studyName: FigureProvenance.folderName(source))
        if code != 0 { throw ExitCode(code) }
    }
}
