import Foundation
import Testing
import TestSupport
@testable import RunIngest

/// Logs written by the real libraries (tensorboardX `add_hparams`, wandb offline with a name
/// and `finish`, MLflow file store and database with run names, params and end states):
/// every run is found once, under the name its writer gave it, with N from its own
/// hyperparameters and the writer's verdict on how it ended.
@Suite(.enabled(if: RealWriterStudy.isAvailable, "needs tensorboardX, wandb and mlflow (make test installs them into .venv)"))
struct RealWriterTests {
    @Test func everyRunIsFoundOnceWithItsNameParametersAndEnd() throws {
        let (root, expected) = try RealWriterStudy.written.get()
        let store = try StudyFollower.load(root: root)
        #expect(store.runs.count == expected.count, "runs: \(store.runs.map(\.name))")
        #expect(!store.runs.contains { $0.id.contains("/17") }, "an add_hparams session folder was listed as a run")
        for want in expected {
            let matches = store.runs.filter { $0.name == want.name }
            #expect(matches.count == 1, "\(want.writer) run \(want.name): found \(matches.count) times")
            guard let run = matches.first else { continue }
            #expect(run.metadata.parameters == want.parameters, "\(want.name): N")
            #expect(run.points.count == want.points, "\(want.name): points")
            switch want.status {
            case "done":
                #expect(run.isFinished, "\(want.name) should be finished")
            case "stale":
                #expect(!run.isFinished && run.failure != nil, "\(want.name) should have failed")
            default:
                #expect(!run.isFinished && run.failure == nil, "\(want.name) should still be running")
            }
        }
        #expect(store.totalIssues == 0, "\(store.issues.map(\.first.description))")
    }

    @Test func tensorBoardHParamsSessionFolderIsItsRunsMetadata() throws {
        let (root, _) = try RealWriterStudy.written.get()
        let store = try StudyFollower.load(root: root)
        let run = try #require(store.runs.first { $0.name == "tb/run-a" })
        #expect(run.metadata.tokensPerStep == 4096)   // batch_size 16 × seq_len 256
        #expect(run.metadata.plannedSteps == 40)
        #expect(run.metadata.hyperparameters["lr"] == "0.001")
        #expect(run.metadata.source?.hasPrefix("tb/run-a/") == true)
        #expect(run.metadata.end?.outcome == .succeeded)
    }
}
