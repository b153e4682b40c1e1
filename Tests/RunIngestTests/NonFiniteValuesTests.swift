import Foundation
import Testing
import TestSupport
@testable import RunIngest

/// A value beside a good loss that is not finite (NaN, infinite, or a number too large for a
/// double) is left out of the point, which is kept, and is a problem at its line: bad input
/// is counted and shown, never dropped silently. Each parser that reads such columns.
@Suite struct NonFiniteValuesTests {
    @Test func jsonlKeepsThePointAndNamesTheValue() {
        let text = #"""
        {"step": 1, "loss": 3.0, "tokens": 1e400}
        {"step": 2, "loss": 2.9, "tokens": 2048, "lr": NaN}
        {"step": 3, "loss": 2.8, "tokens": 3072, "lr": 0.001}
        """# + "\n"
        let outcome = JSONLMetricsParser().parse(Array(text.utf8))
        #expect(outcome.points.map(\.point) == [MetricPoint(step: 1, loss: 3.0), MetricPoint(step: 2, tokens: 2048, loss: 2.9),
                                                MetricPoint(step: 3, tokens: 3072, loss: 2.8, learningRate: 0.001)])
        #expect(outcome.problems.map(\.record) == [1, 2])
        #expect(outcome.problems.map(\.message) == ["tokens is infinite at step 1 (left out; the point is kept)",
                                                    "lr is NaN at step 2 (left out; the point is kept)"])
    }

    @Test func csvKeepsThePointAndNamesTheColumn() {
        let text = "step,loss,tokens\n1,3.0,1e999\n2,2.9,nan\n3,2.8,3072\n"
        var parser = CSVMetricsParser()
        let outcome = parser.parse(Array(text.utf8))
        #expect(outcome.points.map(\.point) == [MetricPoint(step: 1, loss: 3.0), MetricPoint(step: 2, loss: 2.9),
                                                MetricPoint(step: 3, tokens: 3072, loss: 2.8)])
        #expect(outcome.problems.map(\.record) == [2, 3])
        #expect(outcome.problems.map(\.message) == ["tokens is infinite at step 1 (left out; the point is kept)",
                                                    "tokens is NaN at step 2 (left out; the point is kept)"])
    }

    @Test func trainerStateKeepsThePoint() {
        let text = #"{"log_history": [{"step": 10, "loss": 3.1, "num_input_tokens_seen": 1e400, "learning_rate": 0.001}, {"step": 20, "loss": 2.9}]}"#
        let outcome = Array(text.utf8).withUnsafeBufferPointer { TrainerStateParser().parse($0) }
        #expect(outcome.points.map(\.point) == [MetricPoint(step: 10, loss: 3.1, learningRate: 0.001), MetricPoint(step: 20, loss: 2.9)])
        #expect(outcome.problems.map(\.message) == ["num_input_tokens_seen is infinite at step 10 (left out; the point is kept)"])
    }

    @Test func stdoutKeepsThePoint() {
        let line = " [2025-03-31 05:54:07.123456] iteration       50/  242204 | consumed samples:        50400 | "
            + "elapsed time per iteration (ms): 1552.8 | learning rate: 8.0E+400 | global batch size:  1008 | "
            + "lm loss: 6.208318E+00 | loss scale: 1.0 | grad norm: 1.520 |\n"
        var parser = StdoutLogParser()
        let outcome = parser.parse(Array(line.utf8))
        #expect(outcome.points.count == 1)
        #expect(outcome.points.first?.point.loss == 6.208318 && outcome.points.first?.point.learningRate == nil)
        #expect(outcome.problems.map(\.message) == ["learning rate is infinite at step 50 (left out; the point is kept)"])
    }

    @Test func tensorBoardLeavesTheValueOutOfThePointAndSaysSo() {
        let bytes = TFRecordBytes.frame(TensorBoardEventParserTests.event(step: 5, wall: 1, [("tokens", .nan), ("train/loss", 3.0)]))
            + TFRecordBytes.frame(TensorBoardEventParserTests.event(step: 6, wall: 1, [("train/loss", 2.9), ("tokens", .infinity)]))
            + TFRecordBytes.frame(TensorBoardEventParserTests.event(step: 7, wall: 1, [("train/loss", 2.8), ("tokens", 7000)]))
        var parser = TensorBoardEventParser()
        let outcome = parser.parse(bytes)
        #expect(outcome.points.map(\.point.loss) == [3.0, 2.9, 2.8].map { Double(Float($0)) })
        #expect(outcome.points.map(\.point.tokens) == [nil, nil, 7000])
        #expect(outcome.problems.map(\.record) == [1, 2])
        #expect(outcome.problems.map(\.message) == ["tokens is NaN at step 5 (left out)", "tokens is infinite at step 6 (left out)"])
    }

    @Test func wandbHistoryKeepsThePoint() {
        var history = WandbInternal_HistoryRecord()
        history.item = [("_step", "12"), ("loss", "2.5"), ("tokens", "\"Infinity\""), ("lr", "1e999")].map { key, json in
            var item = WandbInternal_HistoryItem()
            item.key = key
            item.valueJson = json
            return item
        }
        guard case .point(let point, let problem)? = WandBRunParser().point(from: history) else {
            Issue.record("no point")
            return
        }
        #expect(point == MetricPoint(step: 12, loss: 2.5))
        #expect(problem == "tokens is infinite, lr is infinite at step 12 (left out; the point is kept)")
    }
}
