import Foundation
import Testing
import TestSupport
import ScalingLaws
@testable import RunIngest

/// Numbers in logs and configs that do not fit where they go (an Int, a count) are problems
/// with file and line, never a crash: the conversions fuzzing found trapping, and their kin.
@Suite struct NumericInputTests {
    static let llama: [String: String] = [
        "model_type": "\"llama\"", "hidden_size": "4096", "intermediate_size": "11008", "max_position_embeddings": "4096",
        "num_attention_heads": "32", "num_hidden_layers": "32", "num_key_value_heads": "32", "vocab_size": "32000",
    ]

    static func config(_ changes: [String: String]) -> [UInt8] {
        let members = Self.llama.merging(changes) { _, new in new }.sorted { $0.key < $1.key }
        return Array(("{" + members.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}").utf8)
    }

    @Test(arguments: ["1e19", "Infinity", "-Infinity", "NaN", "-4096", "4096.5", "1e300", "9223372036854775808"])
    func aConfigSizeThatIsNoCountIsNamedNotTrapped(value: String) throws {
        let metadata = try HuggingFaceConfig.metadata(Self.config(["hidden_size": value]), source: "run/config.json")
        #expect(metadata.parameters == nil)
        let note = try #require(metadata.hyperparameters[HuggingFaceConfig.parameterNoteKey])
        #expect(note.contains("hidden_size") || note.contains("width"), "\(note)")
    }

    @Test func sizesWhoseProductOverflowsAreAnErrorToo() throws {
        let metadata = try HuggingFaceConfig.metadata(
            Self.config(["hidden_size": "16000000", "num_hidden_layers": "16000000", "intermediate_size": "16000000"]),
            source: "config.json")
        #expect(metadata.parameters == nil)
        #expect(metadata.hyperparameters[HuggingFaceConfig.parameterNoteKey]?.contains("too large") == true)
    }

    @Test func theRealConfigStillCounts() throws {
        let metadata = try HuggingFaceConfig.metadata(Self.config([:]), source: "config.json")
        #expect(metadata.parameters == 6_738_415_616)
    }

    @Test func aRunWithSuchAConfigLoadsWithItsProblemShown() throws {
        let root = NSTemporaryDirectory() + "scaletop-hfbad-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data(Self.config(["hidden_size": "1e19"])).write(to: URL(fileURLWithPath: root + "/out/config.json"))
        try Data(#"{"global_step": 20, "max_steps": 20, "log_history": [{"step": 10, "loss": 3.1}, {"step": 20, "loss": 2.9}]}"#.utf8)
            .write(to: URL(fileURLWithPath: root + "/out/trainer_state.json"))
        let store = try StudyFollower.load(root: root)
        let run = try #require(store.runs.first)
        #expect(run.points.count == 2)
        #expect(run.metadata.hyperparameters[HuggingFaceConfig.parameterNoteKey]?.contains("1e+19") == true)
        // global_step reached max_steps: the Trainer finished.
        #expect(run.isFinished)
        // The number that does not fit is a problem of the file, at the line of its key.
        let problem = try #require(store.issuesByFile["out/config.json"], "\(store.issues.map(\.first.description))")
        #expect(problem.first.line == 1)
        #expect(problem.first.message.contains("hidden_size") && problem.first.message.contains("1e+19"))
    }

    /// A pretty-printed config: the problem names the line a user opens the file at, and
    /// goes once the file is fixed.
    @Test func theProblemHasTheKeysLineAndClearsWhenFixed() throws {
        let root = NSTemporaryDirectory() + "scaletop-hfline-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        func writeConfig(hiddenSize: String) throws {
            let members = Self.llama.merging(["hidden_size": hiddenSize]) { _, new in new }.sorted { $0.key < $1.key }
            let text = "{\n" + members.map { "  \"\($0.key)\": \($0.value)" }.joined(separator: ",\n") + "\n}\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/out/config.json"))
        }
        try writeConfig(hiddenSize: "1.0e19")  // a length unlike the fix's, so the change shows however coarse mtime is
        try Data(#"{"global_step": 10, "max_steps": 20, "log_history": [{"step": 10, "loss": 3.1}]}"#.utf8)
            .write(to: URL(fileURLWithPath: root + "/out/trainer_state.json"))
        let follower = StudyFollower(root: root, mode: .polling(intervalSeconds: 1))
        let problem = try #require(follower.store.issuesByFile["out/config.json"])
        // Keys sorted: hidden_size is the first member, on line 2.
        #expect(problem.first.line == 2, "\(problem.first)")
        #expect(follower.store.runs.first?.points.count == 1, "the run still reads")
        try writeConfig(hiddenSize: "4096")
        follower.settle { follower.store.issuesByFile["out/config.json"] == nil }
        #expect(follower.store.issuesByFile["out/config.json"] == nil)
        #expect(follower.store.runs.first?.metadata.parameters == 6_738_415_616)
    }

    @Test func aMissingSizeIsANoteNotAProblem() throws {
        let bytes = Array(#"{"model_type": "llama", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2}"#.utf8)
        let read = try HuggingFaceConfig.reading(bytes, source: "config.json")
        #expect(read.problems.isEmpty)
        #expect(read.metadata.hyperparameters[HuggingFaceConfig.parameterNoteKey]?.contains("vocab_size") == true)
    }

    @Test func wholeNumbersAreCheckedBeforeTheyBecomeInts() {
        #expect(WholeNumber.int(42) == 42)
        #expect(WholeNumber.int(-3) == -3)
        for bad in [Double.nan, .infinity, -.infinity, 1e19, -1e19, 0.5, 9.1e15 * 10] {
            #expect(WholeNumber.int(bad) == nil, "\(bad)")
        }
        #expect(WholeNumber.step(-1) == nil)
        #expect(WholeNumber.text(8.0) == "8")
        #expect(WholeNumber.text(1e19) == "1e+19")
        #expect(WholeNumber.text(.nan) == "nan")
    }

    @Test(arguments: [
        "[INFO] Number of trainable parameters = 1e30\n",
        "  Total train batch size (w. parallel, distributed & accumulation) = 1e400\n",
        "  Number of trainable parameters = nan\n",
    ])
    func hugeNumbersInAStdoutBannerAreKeptAsText(line: String) {
        var parser = StdoutLogParser()
        let outcome = parser.parse(Array((line + "step 1: loss 3.2\n").utf8))
        #expect(outcome.consumedRecords == 2)
    }
}

/// Issue #12: `scaletop runs` said "missing: planned_tokens" for runs whose planned steps and
/// tokens per step give them.
@Suite struct PlannedTokensTests {
    @Test func plannedStepsTimesTokensPerStepArePlannedTokens() {
        let product = RunMetadata(parameters: 1e8, tokensPerStep: 4096, plannedSteps: 1000)
        #expect(product.plannedTokensOrProduct == 4_096_000)
        #expect(product.missingFields.isEmpty)
        let given = RunMetadata(parameters: 1e8, tokensPerStep: 4096, plannedTokens: 5e6, plannedSteps: 1000)
        #expect(given.plannedTokensOrProduct == 5e6)
        #expect(RunMetadata(parameters: 1e8, plannedSteps: 1000).missingFields == ["tokens_per_step", "planned_tokens"])
    }
}
