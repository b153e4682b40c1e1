import Foundation
import Testing
import TestSupport
@testable import RunIngest

@Suite struct HuggingFaceTrainerStateTests {
    static let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/hf")

    @Test func trainingAndEvaluationSeriesFromLogHistory() throws {
        let data = try fileBytes(Self.fixtures.appendingPathComponent("trainer_state.json"))
        let training = TrainerStateParser(series: .training).parse(data)
        #expect(training.points.map(\.record) == [1, 2, 6])
        #expect(training.points.map(\.point) == [
            MetricPoint(step: 10, tokens: 40960, loss: 3.25, learningRate: 5e-05),
            MetricPoint(step: 20, tokens: 81920, loss: 2.875, learningRate: 4.5e-05),
            MetricPoint(step: 40, tokens: 163840, loss: 2.5, learningRate: 3.5e-05),
        ])
        #expect(training.problems.map(\.record) == [5])
        #expect(training.problems.first?.message == "loss is NaN at step 30")
        #expect(training.consumedBytes == data.count)
        #expect(training.consumedRecords == 8)
        #expect(training.metadata?.hyperparameters["train_batch_size"] == "8")
        #expect(training.metadata?.hyperparameters["max_steps"] == "100")

        let evaluation = TrainerStateParser(series: .evaluation).parse(data)
        #expect(evaluation.points.map(\.point) == [MetricPoint(step: 20, loss: 2.9), MetricPoint(step: 40, loss: 2.6)])
        #expect(evaluation.problems.isEmpty)
    }

    /// Every cut of a file being rewritten is "incomplete, will retry", never a hard error
    /// and never a partial curve.
    @Test func tornFileIsIncompleteAtEveryCut() throws {
        let data = try fileBytes(Self.fixtures.appendingPathComponent("trainer_state.json"))
        let parser = TrainerStateParser()
        var cut = 0
        while cut < data.count - 2 {   // the last two bytes are "}\n": cutting only "\n" is complete
            let out = parser.parse(Array(data[..<cut]))
            #expect(out.points.isEmpty)
            #expect(out.consumedBytes == 0)
            #expect(out.problems.count == 1 && out.problems[0].record == 0)
            #expect(out.problems.first?.message == TrainerStateParser.incompleteMessage, "cut at \(cut)")
            cut += 7
        }
    }

    @Test func malformedJSONIsAHardError() {
        let out = TrainerStateParser().parse(Array("{\"log_history\": [}".utf8))
        #expect(out.problems.first?.message.hasPrefix("not valid JSON") == true)
        #expect(out.consumedBytes > 0)
        #expect(TrainerStateParser().parse(Array("{\"a\": 1}".utf8)).problems.first?.message == "no log_history: not a Trainer state file")
    }

    @Test func configCountsGPT2AndLlamaAndNamesUnknownArchitectures() throws {
        let gpt2 = try HuggingFaceConfig.metadata(try fileBytes(Self.fixtures.appendingPathComponent("config_gpt2.json")))
        #expect(gpt2.parameters == 124_439_808)   // GPT-2 small, log-formats.md §7
        let llama = try HuggingFaceConfig.metadata(try fileBytes(Self.fixtures.appendingPathComponent("config_llama.json")))
        #expect(llama.parameters == 6_738_415_616)   // Llama-2-7B, log-formats.md §7
        #expect(llama.hyperparameters["model_type"] == "llama")
        let t5 = try HuggingFaceConfig.metadata(Array("{\"model_type\": \"t5\", \"d_model\": 512, \"is_encoder_decoder\": true}".utf8))
        #expect(t5.parameters == nil)
        #expect(t5.hyperparameters[HuggingFaceConfig.parameterNoteKey]?.contains("t5 is an encoder-decoder") == true)
        #expect(throws: HuggingFaceConfig.Failure.self) { try HuggingFaceConfig.metadata(Array("{\"model_type\": ".utf8)) }
    }

    @Test func detection() {
        #expect(TrainerStateParser.isRun(fileName: "trainer_state.json"))
        #expect(!TrainerStateParser.isRun(fileName: "trainer_log.jsonl"))
        #expect(TrainerStateParser.configFileName(amongSiblings: ["trainer_state.json", "config.json"]) == "config.json")
        #expect(TrainerStateParser.configFileName(amongSiblings: ["trainer_state.json"]) == nil)
        #expect(TrainerStateParser.stateFile(inOutputFolderWith: ["checkpoint-500", "checkpoint-1000", "checkpoint-999", "runs"])
                == "checkpoint-1000/trainer_state.json")
        #expect(TrainerStateParser.stateFile(inOutputFolderWith: ["checkpoint-500", "trainer_state.json"]) == "trainer_state.json")
        #expect(TrainerStateParser.stateFile(inOutputFolderWith: ["checkpoint-x", "config.json"]) == nil)
    }

    // MARK: real files (../shared/data, read in place: several have no licence)

    @Test(.enabled(if: ReferenceReader.isAvailable, "needs ../shared/data and python3"),
          arguments: ["hf_trainer/luojiu-7b-base/trainer_state.json", "hf_trainer/cpt-large-adgen/trainer_state.json"])
    func realTrainerStatesMatchPythonsReading(path: String) throws {
        let file = SharedData.file("logs/" + path)
        let data = try fileBytes(file)
        for (series, kind) in [(TrainerStateParser.Series.training, "hf-training"), (.evaluation, "hf-evaluation")] {
            let out = TrainerStateParser(series: series).parse(data)
            let reference = try ReferenceReader.points(kind, file)
            #expect(out.problems.isEmpty)
            #expect(out.points.map(\.point.step) == reference.map(\.step))
            #expect(out.points.map(\.point.loss) == reference.map(\.loss))
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func realBartConfigIsNamedNotGuessed() throws {
        let meta = try HuggingFaceConfig.metadata(try fileBytes(SharedData.file("logs/hf_trainer/cpt-large-adgen/config.json")))
        #expect(meta.parameters == nil)
        #expect(meta.hyperparameters["model_type"] == "bart")
        #expect(meta.hyperparameters[HuggingFaceConfig.parameterNoteKey]?.contains("model_type bart is an encoder-decoder") == true)
    }

    /// PROVENANCE #4 and #5: the Trainer state and LLaMA-Factory's JSONL of the same run.
    @Test(.enabled(if: ReferenceReader.isAvailable, "needs ../shared/data and python3"))
    func trainerStateAndLlamaFactoryJSONLAgree() throws {
        let state = TrainerStateParser().parse(try fileBytes(SharedData.file("logs/hf_trainer/luojiu-7b-base/trainer_state.json")))
        let jsonlFile = SharedData.file("logs/jsonl/llamafactory-luojiu-7b-base/trainer_log.jsonl")
        let jsonl = JSONLMetricsParser().parse(try fileBytes(jsonlFile))
        #expect(jsonl.problems.isEmpty)
        #expect(state.points.count == 1742)
        #expect(state.points.map(\.point.step) == jsonl.points.map(\.point.step))
        #expect(state.points.map(\.point.loss) == jsonl.points.map(\.point.loss))
        let reference = try ReferenceReader.points("jsonl", jsonlFile)
        #expect(jsonl.points.map(\.point.loss) == reference.map(\.loss))
    }
}
