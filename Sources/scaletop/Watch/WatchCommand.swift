import ArgumentParser
import Foundation
import RunIngest

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow the runs under a folder and draw their loss curves live.",
        discussion: """
        Finds every run under DIR in the logs training code writes: JSONL and CSV metrics,
        TensorBoard event files, Hugging Face Trainer state, Lightning CSVLogger folders, MLflow
        (mlruns/ or mlflow.db), W&B run folders and stdout logs of nanoGPT, litgpt,
        Megatron-LM and torchtitan (`scaletop runs DIR` lists what it found). Metadata such as
        the parameter count comes from the logs and configs, or from a scaletop.json beside the
        run or in a folder above it. scaletop only reads: it never writes into DIR.
        """
    )

    @Argument(help: "The folder your training runs write their logs to.")
    var directory: String

    @OptionGroup var options: DashboardOptions

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(directory) is not a folder")
        }
    }

    func run() throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let follower = StudyFollower(root: root, mode: options.followMode)
        let code = try options.runDashboard(follower: follower, title: directory, studyFolder: directory)
        if code != 0 { throw ExitCode(code) }
    }
}
