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
        // tensorboardX names add_hparams' session folder `str(time.time())`, e.g. 1796286155.2815;
        // an MLflow run id is 32 hex digits and may begin with any digits, so match the whole part.
        #expect(!store.runs.contains { $0.id.split(separator: "/").contains(where: Self.isSessionFolderName) },
                "an add_hparams session folder was listed as a run: \(store.runs.map(\.id))")
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

    /// Digits, one dot, digits: what `str(time.time())` prints.
    static func isSessionFolderName(_ part: Substring) -> Bool {
        let halves = part.split(separator: ".", omittingEmptySubsequences: false)
        return halves.count == 2 && halves.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    @Test func sessionFolderNamesAreTold() {
        #expect(Self.isSessionFolderName("1796286155.281585"))
        #expect(Self.isSessionFolderName("1833000000.5"))
        #expect(!Self.isSessionFolderName("17e3c0ffee0b4d6c80647c36041364d7"))
        #expect(!Self.isSessionFolderName("893209819242163027"))
        #expect(!Self.isSessionFolderName("run-a"))
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
