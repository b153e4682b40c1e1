import Foundation
import Testing
import TestSupport
@testable import RunIngest

@Suite struct StdoutLogParserTests {
    static let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/stdout")

    static func fixture(_ name: String) throws -> [UInt8] {
        try fileBytes(fixtures.appendingPathComponent(name))
    }

    @Test func nanoGPTLinesTokensPerIterationAndParameters() throws {
        var parser = StdoutLogParser()
        let out = parser.parse(try Self.fixture("nanogpt.log"))
        #expect(out.points.map(\.record) == [4, 5, 7, 9])
        #expect(out.points.map(\.point) == [
            MetricPoint(step: 0, tokens: 491_520, loss: 10), MetricPoint(step: 10, tokens: 11 * 491_520, loss: 9),
            MetricPoint(step: 20, tokens: 21 * 491_520, loss: 8), MetricPoint(step: 40, tokens: 41 * 491_520, loss: 6),
        ])
        #expect(out.problems.map(\.record) == [8])
        #expect(out.problems.first?.message == "loss is NaN at step 30")
        #expect(out.metadata?.tokensPerStep == 491_520)
        #expect(out.metadata?.parameters == 123_650_000)
        #expect(StdoutLogParser.detectFormat(try Self.fixture("nanogpt.log")) == .nanoGPT)
    }

    @Test func litgptUsesTheOptimizerStepAndCRLF() throws {
        var parser = StdoutLogParser()
        let data = try Self.fixture("litgpt.log")
        let out = parser.parse(data)
        #expect(out.points.map(\.point.step) == [1, 1, 2, 2])
        #expect(out.points.map(\.point.loss) == [6.75, 6.5, 6.25, 6.0])
        #expect(out.points.map(\.record) == [2, 3, 4, 5])
        #expect(out.problems.isEmpty)
        #expect(out.metadata?.parameters == 1_234_567)
        #expect(out.consumedBytes == data.count)
        #expect(out.consumedRecords == 7)
        #expect(StdoutLogParser.detectFormat(data) == .litgpt)
    }

    @Test func megatronPairsAndPerRankParameters() throws {
        var parser = StdoutLogParser()
        let out = parser.parse(try Self.fixture("megatron.log"))
        #expect(out.points.map(\.point) == [MetricPoint(step: 50, tokens: 50400 * 4096, loss: 6.208318, learningRate: 8e-06),
                                           MetricPoint(step: 100, tokens: 100800 * 4096, loss: 6.158318, learningRate: 1.6e-05)])
        #expect(out.points.map(\.record) == [8, 9])
        #expect(out.metadata?.tokensPerStep == 1008.0 * 4096)
        #expect(out.metadata?.parameters == 800_000_000)   // ranks (0,0) and (1,0); (0,0) repeated by another DP rank
        #expect(StdoutLogParser.detectFormat(try Self.fixture("megatron.log")) == .megatron)
    }

    @Test func torchtitanWithColoursRankPrefixAndProgressBars() throws {
        var parser = StdoutLogParser()
        let out = parser.parse(try Self.fixture("torchtitan.log"))
        #expect(out.points.map(\.point) == [MetricPoint(step: 1, loss: 9.7069), MetricPoint(step: 2, loss: 8.7069),
                                           MetricPoint(step: 3, loss: 7.7069)])
        #expect(out.points.map(\.record) == [2, 4, 5])
        #expect(out.problems.isEmpty)
        #expect(out.metadata?.parameters == 6_139_136)
        #expect(StdoutLogParser.detectFormat(try Self.fixture("torchtitan.log")) == .torchtitan)
    }

    @Test func userRegexWithNamedGroupsAndThousandsSeparators() throws {
        let pattern = try StdoutLossPattern(#"it=(?<step>\d+) seen=(?<tokens>[\d,]+) lr=(?<lr>\S+) ce=(?<loss>\S+)"#)
        var parser = StdoutLogParser(formats: [], userPattern: pattern)
        let out = parser.parse(try Self.fixture("user.log"))
        #expect(out.points.map(\.point) == [MetricPoint(step: 100, tokens: 409_600, loss: 4, learningRate: 3e-4),
                                           MetricPoint(step: 200, tokens: 819_200, loss: 3, learningRate: 3e-4),
                                           MetricPoint(step: 300, tokens: 1_228_800, loss: 2, learningRate: 3e-4)])
        #expect(StdoutLogParser.detectFormat(try Self.fixture("user.log")) == nil)
    }

    @Test func badUserRegexesAreExplained() {
        func message(_ p: String) -> String {
            do { _ = try StdoutLossPattern(p); return "" } catch { return error.description }
        }
        #expect(message("step (?<step>\\d+") .contains("is not a valid regular expression"))
        #expect(message("step (?<step>\\d+) loss (\\S+)").contains("has no named group (?<loss>…)"))
        #expect(message("(?P<step>\\d+) (?P<loss>\\S+)").contains("write (?<name>…)"))
    }

    @Test func launcherPrefixesAreStrippedSoUserPatternsMayAnchor() throws {
        let pattern = try StdoutLossPattern(#"^Step (?<step>\d+) \| loss:(?<loss>\S+)"#)
        var parser = StdoutLogParser(formats: [], userPattern: pattern)
        let text = "[rank0]:Step 1 | loss:2.5 lr:2e-05 \n0: Step 2 | loss:2.25 \n[lrdn3321:3]: Step 3 | loss:2.0 \nxStep 4 | loss:1\n"
        let out = parser.parse(Array(text.utf8))
        #expect(out.points.map(\.point) == [MetricPoint(step: 1, loss: 2.5), MetricPoint(step: 2, loss: 2.25),
                                           MetricPoint(step: 3, loss: 2.0)])
    }

    @Test func notANumberLossIsAProblemWithItsLine() {
        var parser = StdoutLogParser()
        let out = parser.parse(Array("hello\niter 5: loss abc, time 1.00ms, mfu 1.00%\n".utf8))
        #expect(out.problems.map(\.record) == [2])
        #expect(out.problems.first?.message == "nanoGPT line at step 5 has loss \"abc\", not a number")
    }

    @Test func partialLastLineAndTrailingCRAreLeftForLater() {
        var parser = StdoutLogParser()
        let text = Array("iter 1: loss 2.0, time 1ms, mfu 1%\r\niter 2: loss 1.5, time".utf8)
        let out = parser.parse(text)
        #expect(out.points.count == 1)
        #expect(out.consumedRecords == 1)
        #expect(out.consumedBytes == "iter 1: loss 2.0, time 1ms, mfu 1%\r\n".utf8.count)
        var cr = StdoutLogParser()
        let held = cr.parse(Array("iter 1: loss 2.0, time 1ms, mfu 1%\r".utf8))
        #expect(held.consumedBytes == 0 && held.points.isEmpty)
    }

    @Test(arguments: ["nanogpt.log", "litgpt.log", "megatron.log", "torchtitan.log"])
    func randomSplitsMatchOneWholeParse(name: String) throws {
        let data = try Self.fixture(name)
        var whole = StdoutLogParser()
        let expected = whole.parse(data)
        for seed in 0..<10 {
            var generator = SplitMixGenerator(seed: UInt64(seed))
            var parser = StdoutLogParser()
            var pending: [UInt8] = []
            var offset = 0, record = 1
            var points: [(Int, MetricPoint)] = [], problems: [(Int, String)] = []
            var metadata: RunMetadata?
            while offset < data.count {
                let n = Int.random(in: 1...40, using: &generator)
                pending += data[offset..<min(data.count, offset + n)]
                offset += n
                let out = parser.parse(pending, firstRecord: record)
                points += out.points
                problems += out.problems
                if let m = out.metadata { metadata = m }
                pending.removeFirst(out.consumedBytes)
                record += out.consumedRecords
            }
            #expect(pending.isEmpty)
            #expect(points.map(\.0) == expected.points.map(\.record))
            #expect(points.map(\.1) == expected.points.map(\.point))
            #expect(problems.map(\.1) == expected.problems.map(\.message))
            #expect(metadata == expected.metadata)
        }
    }

    @Test func detection() {
        #expect(StdoutLogParser.isLogFile(fileName: "train.log"))
        #expect(StdoutLogParser.isLogFile(fileName: "slurm-1234.out"))
        #expect(!StdoutLogParser.isLogFile(fileName: "metrics.csv"))
    }

    /// The real HF console capture (PROVENANCE #8: CRLF, tqdm bars) has no built-in loss
    /// line: nothing is made up from it.
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func realHuggingFaceConsoleHasNoBuiltInLossLines() throws {
        let data = try fileBytes(SharedData.file("logs/hf_trainer/cpt-large-adgen/cmd.txt"))
        var parser = StdoutLogParser()
        let out = parser.parse(data)
        #expect(out.points.isEmpty)
        #expect(out.problems.isEmpty)
        #expect(out.metadata?.hyperparameters["trainable_parameters"] == "424102912")   // PROVENANCE #6
        #expect(out.metadata?.parameters == nil)
        // The capture ends without a newline: its last line stays pending, as while being written.
        #expect(out.consumedBytes == data.lastIndex(of: 0x0A)! + 1)
    }
}
