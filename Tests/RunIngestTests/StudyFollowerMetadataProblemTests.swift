import Foundation
import Testing
@testable import RunIngest

/// A metadata file that cannot be read as metadata is a problem naming the file (and its
/// line when the parser knows it), and the run is still read with its points.
@Suite struct StudyFollowerMetadataProblemTests {
    let study = ScratchStudy()
    var root: String { study.root }

    func write(_ text: String, to path: String) throws { try study.write(text, to: path) }

    func follow() -> StudyFollower {
        StudyFollower(root: root, mode: .polling(intervalSeconds: 3600))
    }

    /// The problem the store holds for `file`, failing the test when there is none.
    func problem(_ store: RunStore, _ file: String) throws -> ParseIssue {
        try #require(store.issuesByFile[file], "no problem for \(file); have \(store.issuesByFile.keys.sorted())").first
    }

    @Test func malformedSidecarIsAProblemWithItsLineAndClearsOnceFixed() throws {
        try write("{\"step\": 1, \"loss\": 3}\n{\"step\": 2, \"loss\": 2.5}\n", to: "run/metrics.jsonl")
        try write("{\"parameters\": 1.5e8,\n \"tokens_per_step\": ,\n}\n", to: "run/scaletop.json")
        let follower = follow()
        let run = try #require(follower.store.run(id: "run/metrics.jsonl"))
        #expect(run.points.map(\.step) == [1, 2])
        #expect(run.metadata.parameters == nil)
        let issue = try problem(follower.store, "run/scaletop.json")
        #expect(issue.line == 2)
        #expect(issue.message.hasPrefix("not valid JSON"))

        // Fixed: the problem goes and the values arrive.
        try write("{\"parameters\": 1.5e8}\n", to: "run/scaletop.json")
        follower.poll()
        #expect(follower.store.issuesByFile["run/scaletop.json"] == nil)
        #expect(follower.store.run(id: "run/metrics.jsonl")?.metadata.parameters == 1.5e8)
    }

    @Test func sidecarWithABadValueNamesTheKey() throws {
        try write("{\"step\": 1, \"loss\": 3}\n", to: "run/metrics.jsonl")
        try write("{\"parameters\": -5}\n", to: "run/scaletop.json")
        let follower = follow()
        #expect(follower.store.run(id: "run/metrics.jsonl")?.points.count == 1)
        let issue = try problem(follower.store, "run/scaletop.json")
        #expect(issue.message.contains("parameters must be a positive number"))
    }

    @Test func malformedLightningHparamsIsAProblemWithItsLine() throws {
        let folder = "lightning_logs/version_0"
        try write("epoch,step,train_loss_step\n0,49,5.5\n0,99,5.0\n", to: folder + "/metrics.csv")
        try write("n_params: 1000000\nlr: [0.1, 0.2\nbatch_size: 8\n", to: folder + "/hparams.yaml")
        let follower = follow()
        let run = try #require(follower.store.run(id: folder))
        #expect(run.points.map(\.step) == [49, 99])
        let issue = try problem(follower.store, folder + "/hparams.yaml")
        #expect(issue.line > 1)
        #expect(issue.message.hasPrefix("not valid YAML"))
        #expect(!issue.message.contains("\n"), "one line for the status bar: \(issue.message)")
    }

    @Test func malformedWandBConfigIsAProblemWithItsLine() throws {
        // The legacy layout: `wandb-history.jsonl` with `config.yaml` beside it.
        try write("{\"_step\": 1, \"loss\": 3}\n{\"_step\": 2, \"loss\": 2}\n", to: "wandb/run-1/wandb-history.jsonl")
        try write("wandb_version: 1\nlr:\n  value: [0.1, 0.2\nbatch_size:\n  value: 8\n", to: "wandb/run-1/config.yaml")
        let follower = follow()
        let run = try #require(follower.store.runs.first)
        #expect(run.points.map(\.step) == [1, 2])
        let issue = try problem(follower.store, "wandb/run-1/config.yaml")
        #expect(issue.line > 1)
        #expect(issue.message.hasPrefix("not valid YAML"))
    }

    @Test func malformedHuggingFaceConfigIsAProblemWithItsLine() throws {
        let state = #"{"log_history": [{"step": 10, "loss": 4.0}, {"step": 20, "loss": 3.5}], "global_step": 20}"#
        try write(state, to: "hf/trainer_state.json")
        try write("{\n  \"model_type\": \"gpt2\",\n  \"n_embd\": 768 768\n}\n", to: "hf/config.json")
        let follower = follow()
        let run = try #require(follower.store.run(id: "hf"))
        #expect(run.points.map(\.step) == [10, 20])
        let issue = try problem(follower.store, "hf/config.json")
        #expect(issue.line == 3)
    }

    @Test func malformedMLflowMetaYAMLIsAProblemWithItsLine() throws {
        let run = "mlruns/0/abc123"
        try write("1700000000000 3.0 1\n1700000001000 2.5 2\n", to: run + "/metrics/loss")
        try write("128", to: run + "/params/batch_size")
        try write("run_id: abc123\nstatus: [3\nrun_name: tiny\n", to: run + "/meta.yaml")
        let follower = follow()
        let loaded = try #require(follower.store.run(id: run))
        #expect(loaded.points.map(\.step) == [1, 2])
        #expect(loaded.metadata.hyperparameters["batch_size"] == "128")
        let issue = try problem(follower.store, run + "/meta.yaml")
        #expect(issue.line > 1)
        #expect(issue.message.contains("not valid YAML"))
    }
}
