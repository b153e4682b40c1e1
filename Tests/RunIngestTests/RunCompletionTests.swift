import Foundation
import Testing
@testable import RunIngest

/// When a run counts as finished, and where its planned length comes from.
@Suite struct RunCompletionTests {
    func run(steps: [Int], tokens: [Double]? = nil, _ metadata: RunMetadata) -> Run {
        var run = Run(id: "r", name: "r", metadata: metadata)
        for (i, step) in steps.enumerated() {
            run.append(MetricPoint(step: step, tokens: tokens?[i], loss: 3))
        }
        return run
    }

    @Test func plannedTokensFromTheLogsOwnCountFinishAt99Percent() {
        let planned = RunMetadata(plannedTokens: 1e9)
        #expect(!run(steps: [1, 2], tokens: [1e8, 0.98e9], planned).isFinished)
        #expect(run(steps: [1, 2], tokens: [1e8, 0.99e9], planned).isFinished)
        #expect(run(steps: [1, 2], tokens: [1e8, 1.2e9], planned).isFinished)
    }

    @Test func plannedTokensFromStepsTimesTokensPerStep() {
        let metadata = RunMetadata(tokensPerStep: 1000, plannedTokens: 1e6)
        #expect(!run(steps: [100, 985], metadata).isFinished)
        #expect(run(steps: [100, 990], metadata).isFinished)
        // Without tokens per step the token plan says nothing.
        #expect(!run(steps: [100, 5000], RunMetadata(plannedTokens: 1e6)).isFinished)
    }

    @Test func plannedStepsReached() {
        let metadata = RunMetadata(plannedSteps: 500)
        #expect(!run(steps: [10, 499], metadata).isFinished)
        #expect(run(steps: [10, 500], metadata).isFinished)
        #expect(run(steps: [10, 600], metadata).isFinished)
    }

    @Test func unknownPlanOrNoPointsIsNotFinished() {
        #expect(!run(steps: [1, 1_000_000], RunMetadata()).isFinished)
        #expect(!run(steps: [], RunMetadata(plannedSteps: 1)).isFinished)
    }

    @Test func aRewindMakesAFinishedRunUnfinishedAgain() {
        var r = run(steps: [10, 500], RunMetadata(plannedSteps: 500))
        #expect(r.isFinished)
        r.append(MetricPoint(step: 200, loss: 4))
        #expect(!r.isFinished)
    }

    @Test func plannedStepsFromTheSidecarAndConfigs() throws {
        let sidecar = try SidecarMetadata.parse(Data(#"{"planned_steps": 5000, "lr": 0.001}"#.utf8), source: "s")
        #expect(sidecar.plannedSteps == 5000)
        #expect(sidecar.hyperparameters["planned_steps"] == nil)
        #expect(RunConfigMetadata.metadata(from: ["train_iters": "12000"], source: nil).plannedSteps == 12000)
        #expect(RunConfigMetadata.metadata(from: ["trainer.max_steps": "300"], source: nil).plannedSteps == 300)
        #expect(try LightningHyperparameters.parse("max_steps: 750\nlr: 0.1\n", source: "h").plannedSteps == 750)
        // A sidecar outranks the framework's own plan.
        #expect(sidecar.filled(from: RunMetadata(plannedSteps: 10)).plannedSteps == 5000)
        #expect(RunMetadata().filled(from: RunMetadata(plannedSteps: 10)).plannedSteps == 10)
    }

    @Test func trainerStateMaxSteps() {
        func state(_ maxSteps: Int) -> ParseOutcome {
            let json = #"{"log_history": [{"step": 10, "loss": 2.5}], "max_steps": \#(maxSteps)}"#
            return Array(json.utf8).withUnsafeBufferPointer { TrainerStateParser().parse($0) }
        }
        #expect(state(1200).metadata?.plannedSteps == 1200)
        // -1: the Trainer runs by epochs and does not know its step count.
        #expect(state(-1).metadata?.plannedSteps == nil)
    }
}
