import Foundation
import Testing
@testable import RunIngest

@Suite struct JSONLMetricsParserTests {
    let parser = JSONLMetricsParser()

    @Test func readsStandardKeysAndNumbersLines() {
        let text = """
        {"step": 200, "tokens": 104857600.0, "flops": 1.99e17, "loss": 6.03, "lr": 0.0005}
        {"step": 400, "tokens": 209715200.0, "loss": 5.1}

        """
        let outcome = parser.parse(Array(text.utf8))
        #expect(outcome.problems.isEmpty)
        #expect(outcome.points.map(\.record) == [1, 2])
        #expect(outcome.points[0].point == MetricPoint(step: 200, tokens: 104857600, flops: 1.99e17, loss: 6.03, learningRate: 0.0005))
        #expect(outcome.points[1].point.flops == nil)
        #expect(outcome.consumedRecords == 2)
        #expect(outcome.consumedBytes == text.utf8.count)
    }

    @Test func leavesAHalfWrittenLastLineForLater() {
        let text = "{\"step\": 1, \"loss\": 3.0}\n{\"step\": 2, \"lo"
        let outcome = parser.parse(Array(text.utf8))
        #expect(outcome.points.count == 1)
        #expect(outcome.problems.isEmpty)
        #expect(outcome.consumedBytes == 25)
        #expect(outcome.consumedRecords == 1)
    }

    @Test func malformedLineIsNamedAndTheRestStillLoads() {
        let text = """
        {"step": 1, "loss": 3.0}
        {"step": 2, "loss": oops}
        this is not json
        {"step": 3, "loss": 2.5}

        """
        let outcome = parser.parse(Array(text.utf8), firstRecord: 10)
        #expect(outcome.points.map(\.point.step) == [1, 3])
        #expect(outcome.problems.map(\.record) == [11, 12])
        #expect(outcome.problems[0].message.contains("not a JSON object"))
    }

    @Test func nanAndInfinityFromPythonAreReportedWithTheirStep() {
        let text = "{\"step\": 5, \"loss\": NaN}\n{\"step\": 6, \"loss\": -Infinity}\n{\"step\": 7, \"loss\": 1.5}\n"
        let outcome = parser.parse(Array(text.utf8))
        #expect(outcome.points.map(\.point.step) == [7])
        #expect(outcome.problems.map(\.message) == ["loss is NaN at step 5", "loss is infinite at step 6"])
    }

    @Test func linesWithoutALossCarryNoPointAndNoError() {
        let text = "{\"current_steps\": 10, \"loss\": null, \"epoch\": 1}\n{\"step\": 1, \"eval\": {\"acc\": [1, 2]}}\n"
        let outcome = parser.parse(Array(text.utf8))
        #expect(outcome.points.isEmpty)
        #expect(outcome.problems.isEmpty)
    }

    @Test func aLossWithoutAStepIsAProblem() {
        let outcome = parser.parse(Array("{\"loss\": 2.0}\n".utf8))
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems[0].message.hasPrefix("has a loss but no step"))
    }

    @Test func handlesCRLFEscapesAndNestedValues() {
        let text = "{\"name\": \"a\\\"b\\u00e9\", \"cfg\": {\"x\": \"}\"}, \"step\": 3, \"loss\": 2}\r\n"
        let outcome = parser.parse(Array(text.utf8))
        #expect(outcome.problems.isEmpty)
        #expect(outcome.points.first?.point.step == 3)
        let members = try? FlatJSONObject.parse("{\"name\": \"a\\\"b\\u00e9\"}")
        #expect(members?.first?.value == .string("a\"bé"))
    }

    @Test func binaryGarbageIsAProblemNotACrash() {
        var bytes: [UInt8] = (0..<200).map { UInt8(($0 * 37) & 0xFF) }
        bytes.append(0x0A)
        let outcome = parser.parse(bytes)
        #expect(outcome.points.isEmpty)
        #expect(outcome.problems.count >= 1)
    }
}

@Suite struct RunRewindTests {
    @Test func aRestartReplacesThePointsFromItsStepOn() {
        var run = Run(id: "r", name: "r")
        for s in [1, 2, 3, 4] { run.append(MetricPoint(step: s, loss: Double(10 - s))) }
        let dropped = run.append(MetricPoint(step: 3, loss: 1))
        #expect(dropped == 2)
        #expect(run.points.map(\.step) == [1, 2, 3])
        #expect(run.points.last?.loss == 1)
    }

    @Test func derivedAxesFollowFromMetadata() {
        var run = Run(id: "r", name: "r", metadata: RunMetadata(parameters: 1e8, tokensPerStep: 1000))
        run.append(MetricPoint(step: 10, loss: 3))
        #expect(run.tokens(at: run.points[0]) == 10_000)
        #expect(run.flops(at: run.points[0]) == 6e12)
        #expect(run.supports(.flops))
        #expect(!run.supports(.wallTime))
    }
}

@Suite struct SidecarMetadataTests {
    @Test func readsKnownKeysAndKeepsTheRestAsHyperparameters() throws {
        let json = #"{"parameters": 190354176, "tokens_per_step": 524288, "planned_tokens": 3.8e9, "flops_per_token": 1903391232, "lr": 0.001, "label": "190M"}"#
        let m = try SidecarMetadata.parse(Data(json.utf8), source: "x/scaletop.json")
        #expect(m.parameters == 190354176)
        #expect(m.tokensPerStep == 524288)
        #expect(m.plannedTokens == 3.8e9)
        #expect(m.flopsPerToken == 1903391232)
        #expect(m.hyperparameters["label"] == "190M")
        #expect(m.hyperparameters["lr"] == "0.001")
        #expect(m.missingFields.isEmpty)
    }

    @Test func rejectsNonPositiveCountsWithTheKeyNamed() {
        #expect(throws: SidecarMetadata.Failure.self) {
            try SidecarMetadata.parse(Data(#"{"parameters": -5}"#.utf8), source: "s")
        }
        do {
            _ = try SidecarMetadata.parse(Data("[1]".utf8), source: "s")
            Issue.record("an array must be rejected")
        } catch {
            #expect(error.description == "must hold one JSON object")
        }
    }
}
