import ArgumentParser
import Export
import Foundation
import RunIngest
import TrackingServer

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow the runs under a folder, or on an MLflow tracking server, and draw their loss curves live.",
        discussion: """
        Finds every run under DIR in the logs training code writes: JSONL and CSV metrics,
        TensorBoard event files, Hugging Face Trainer state, Lightning CSVLogger folders, MLflow
        (mlruns/ or mlflow.db), W&B run folders and stdout logs of nanoGPT, litgpt,
        Megatron-LM and torchtitan (`scaletop runs DIR` lists what it found). Metadata such as
        the parameter count comes from the logs and configs, or from a scaletop.json beside the
        run or in a folder above it. scaletop only reads: it never writes into DIR.

        Given an MLflow tracking server (http://host:5000, https://host/prefix), its runs are
        read through MLflow's REST API and followed every --poll-interval seconds (default 5),
        reading only what changed; --experiment and --where choose the runs. Credentials come
        from MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD, as for MLflow's client.
        Nothing is ever written to the server.
        """
    )

    @Argument(help: "The folder your training runs write their logs to, or an MLflow tracking server (http://host:port).")
    var directory: String

    @OptionGroup var options: DashboardOptions

    @OptionGroup var server: ServerOptions

    func validate() throws {
        if TrackingURI.looksLikeURI(directory) && !FileManager.default.fileExists(atPath: directory) { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(directory) is not a folder")
        }
    }

    func run() throws {
        if case .server(let source) = try StudySource.parse(directory, experiments: server.experiments, where: server.terms) {
            try watch(source)
            return
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let follower = StudyFollower(root: root, mode: options.followMode, loading: .progressive)
        let code = try options.runDashboard(feed: follower, title: directory, studyName: FigureProvenance.folderName(directory))
        if code != 0 { throw ExitCode(code) }
    }

    /// A tracking server: checked first (a wrong address, refused credentials or an unknown
    /// experiment end here with one line); one that is only unreachable for now gets the
    /// dashboard, which says so and retries.
    func watch(_ source: TrackingSource) throws {
        do { _ = try ServerLoad.check(source) } catch { throw CommandFailure(error.description) }
        let follower: ServerFollower
        do {
            follower = try ServerFollower(source: source, pollInterval: options.serverPollInterval)
        } catch {
            throw CommandFailure("\(source.uri.display): \(error)")
        }
        defer { follower.stop() }
        let code = try options.runDashboard(feed: follower, title: source.displayName, studyName: source.displayName)
        if code != 0 { throw ExitCode(code) }
    }
}
