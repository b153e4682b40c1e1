import Foundation
import Glibc
import Testing
import TestSupport
@testable import RunIngest

/// A resumed Lightning run writes a new `version_N` folder: the versions that share their
/// hyperparameters are one run, stitched in order by the rewind rule.
@Suite struct LightningResumeTests {
    let root = NSTemporaryDirectory() + "scaletop-lightning-\(UUID().uuidString.prefix(8))"
    let hparamsA = "batch_size: 32\nmax_seq_len: 128\nn_params: 85000000\nmax_epochs: 10\n"
    let hparamsB = "batch_size: 64\nmax_seq_len: 128\nn_params: 85000000\nmax_epochs: 10\n"

    /// A `CSVLogger` file as Python's csv module writes it ("\r\n" after every row).
    func metrics(_ steps: [Int], loss: (Int) -> Double) -> String {
        "epoch,step,train_loss_step\r\n" + steps.map { "0,\($0),\(loss($0))\r\n" }.joined()
    }

    func writeVersion(_ n: Int, hparams: String?, steps: [Int], loss: @escaping (Int) -> Double) throws {
        let folder = root + "/lightning_logs/version_\(n)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let hparams { try hparams.write(toFile: folder + "/hparams.yaml", atomically: false, encoding: .utf8) }
        try metrics(steps, loss: loss).write(toFile: folder + "/metrics.csv", atomically: false, encoding: .utf8)
    }

    func points(_ steps: [Int], loss: (Int) -> Double) -> [MetricPoint] {
        steps.map { MetricPoint(step: $0, loss: loss($0)) }
    }

    @Test func versionsGroupByHyperparametersApartFromTrainingLength() {
        let a = Array(hparamsA.utf8), b = Array(hparamsB.utf8)
        let longer = Array(hparamsA.replacingOccurrences(of: "max_epochs: 10", with: "max_epochs: 20").utf8)
        let runs = LightningVersions.resumedRuns([
            ("version_0", a), ("version_1", b), ("version_2", longer), ("version_3", nil), ("version_4", Array("{}\n".utf8)),
            ("version_5", b), ("version_6", nil), ("version_7", Array("a: [1, 2\n".utf8)),
        ])
        #expect(runs == [["version_0", "version_2"], ["version_1", "version_5"], ["version_3"], ["version_4"],
                         ["version_6"], ["version_7"]])
        // N alone tells runs apart too (the parser keeps it out of the hyperparameters).
        let n1 = Array("n_params: 1000\n".utf8), n2 = Array("n_params: 2000\n".utf8)
        #expect(LightningVersions.resumedRuns([("version_0", n1), ("version_1", n2)]) == [["version_0"], ["version_1"]])
    }

    @Test func resumedVersionsAreOneRunAndOthersStayApart() throws {
        let first = { (s: Int) in 6.0 - 0.01 * Double(s) }
        let resumed = { (s: Int) in 5.5 - 0.01 * Double(s) }
        try writeVersion(0, hparams: hparamsA, steps: [49, 99, 149, 199, 249], loss: first)
        // Resumed from the step-149 checkpoint: 199 and 249 are redone.
        try writeVersion(1, hparams: hparamsA, steps: [199, 249, 299], loss: resumed)
        try writeVersion(2, hparams: hparamsB, steps: [49, 99], loss: first)
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 1))
        #expect(follower.store.runs.map(\.id) == ["lightning_logs/version_0", "lightning_logs/version_2"])
        let run = try #require(follower.store.run(id: "lightning_logs/version_0"))
        #expect(run.name == "lightning_logs/version_0+1")
        #expect(run.points == points([49, 99, 149], loss: first) + points([199, 249, 299], loss: resumed))
        #expect(run.metadata.parameters == 85_000_000)
        #expect(follower.store.run(id: "lightning_logs/version_2").map { Array($0.points) } == points([49, 99], loss: first))
        #expect(follower.store.totalIssues == 0)
    }

    @Test(arguments: [false, true])
    func aResumeAppearingWhileFollowedJoinsItsRun(inotify: Bool) throws {
        let first = { (s: Int) in 6.0 - 0.01 * Double(s) }
        let resumed = { (s: Int) in 5.0 - 0.01 * Double(s) }
        try writeVersion(0, hparams: hparamsA, steps: [49, 99], loss: first)
        let follower = StudyFollower(root: root, mode: inotify ? .inotify : .polling(intervalSeconds: 1))
        func settle() {
            if let fd = follower.wakeDescriptor {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = Glibc.poll(&p, 1, 500)
                follower.handleWake()
            }
            follower.poll()
        }
        // version_0 grows (the CSVLogger flushes again), then the job is preempted and resumed
        // from the step-99 checkpoint into version_1, which grows in turn.
        try writeVersion(0, hparams: hparamsA, steps: [49, 99, 149], loss: first)
        settle()
        #expect(follower.store.runs.first.map { Array($0.points) } == points([49, 99, 149], loss: first))
        try writeVersion(1, hparams: hparamsA.replacingOccurrences(of: "max_epochs: 10", with: "max_epochs: 20"),
                         steps: [149], loss: resumed)
        settle()
        try writeVersion(1, hparams: nil, steps: [149, 199], loss: resumed)
        settle()
        #expect(follower.store.runs.map(\.id) == ["lightning_logs/version_0"])
        let run = try #require(follower.store.runs.first)
        #expect(run.name == "lightning_logs/version_0+1")
        #expect(run.points == points([49, 99], loss: first) + points([149, 199], loss: resumed))
    }

    /// The real slm_training logs: version_5 resumed version_0 with num_epochs 10 → 20.
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func theRealResumedRunIsOneRun() throws {
        let logs = SharedData.file("logs/lightning_csv").path
        let follower = StudyFollower(root: logs, mode: .polling(intervalSeconds: 1))
        let run = try #require(follower.store.runs.first)
        #expect(follower.store.runs.count == 1)
        #expect(run.name == "slm_training/lightning_logs/version_0+5")
        let curves = try ["version_0", "version_5"].map {
            LightningMetricsParser().parse(try fileBytes(SharedData.file("logs/lightning_csv/slm_training/lightning_logs/\($0)/metrics.csv")))
                .points.map(\.point)
        }
        #expect(run.points == LightningVersions.stitched(curves))
        #expect(run.points.count == curves[0].count + curves[1].count)
        #expect(run.metadata.hyperparameters["num_epochs"] == "20")
    }
}
