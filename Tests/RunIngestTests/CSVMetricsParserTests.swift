import Foundation
import Testing
@testable import RunIngest

@Suite struct CSVMetricsParserTests {
    static let text = """
    iter,"train/loss",tok,note\r
    0,3.5,1000,"first, quoted"\r
    1,,2000,only tokens\r
    2,nan,3000,\r
    3,3.1,,"multi
    line"\r
    x,3.0,5000,bad step\r
    5,inf,6000,\r
    6,2.9,7000\r

    7,2.8,8000,end\r

    """

    @Test func mappedColumnsEmptyCellsQuotesAndNonFiniteLosses() throws {
        var parser = CSVMetricsParser(columns: try MetricColumns(mapping: "step=iter,loss=train/loss,tokens=tok"))
        let out = parser.parse(Array(Self.text.utf8))
        #expect(parser.header == ["iter", "train/loss", "tok", "note"])
        #expect(out.points.map(\.record) == [2, 5, 11])
        #expect(out.points.map(\.point) == [MetricPoint(step: 0, tokens: 1000, loss: 3.5), MetricPoint(step: 3, loss: 3.1),
                                           MetricPoint(step: 7, tokens: 8000, loss: 2.8)])
        #expect(out.problems.map(\.record) == [4, 7, 8, 9])
        #expect(out.problems[0].message == "train/loss is NaN at step 2")
        #expect(out.problems[1].message == "iter is \"x\", not a number")
        #expect(out.problems[2].message == "train/loss is infinite at step 5")
        #expect(out.problems[3].message == "3 fields where the header has 4")
        #expect(out.consumedBytes == Self.text.utf8.count)
        #expect(out.consumedRecords == 11)
    }

    @Test func unknownMappedColumnNamesTheColumnsThatExist() throws {
        var parser = CSVMetricsParser(columns: try MetricColumns(mapping: "loss=val/loss"))
        let out = parser.parse(Array("step,loss\n1,2\n".utf8))
        #expect(out.points.isEmpty)
        #expect(out.problems.map(\.record) == [1])
        #expect(out.problems.first?.message == "no column \"val/loss\" (mapped as loss); the header has: step, loss")
        // Said once, not again for each later row.
        #expect(parser.parse(Array("2,3\n".utf8), firstRecord: 3).problems.isEmpty)
    }

    @Test func standardNamesWithoutAMapping() {
        var parser = CSVMetricsParser()
        let out = parser.parse(Array("step,lr,loss,tokens\n10,0.001,4.0,1e6\n".utf8))
        #expect(out.points.map(\.point) == [MetricPoint(step: 10, tokens: 1e6, loss: 4.0, learningRate: 0.001)])
        var none = CSVMetricsParser()
        #expect(none.parse(Array("a,b\n1,2\n".utf8)).problems.first?.message.hasPrefix("no loss column") == true)
    }

    @Test func headerAfterBlankLinesAndRowsWithoutAHeader() {
        var parser = CSVMetricsParser()
        #expect(parser.parse(Array("\n\nstep,loss\n1,2\n".utf8)).points.map(\.record) == [4])
        var late = CSVMetricsParser()
        #expect(late.parse(Array("5,2\n".utf8), firstRecord: 9).problems.first?.message
                == "rows arrived before the header row; the file must be read from its start")
    }

    @Test func partialLastLineIsLeftForLater() {
        var parser = CSVMetricsParser()
        let out = parser.parse(Array("step,loss\n1,2.5\n2,2.".utf8))
        #expect(out.points.count == 1)
        #expect(out.consumedBytes == "step,loss\n1,2.5\n".utf8.count)
        #expect(out.consumedRecords == 2)
        // An open quote holds the record back even across a newline.
        var quoted = CSVMetricsParser()
        let q = quoted.parse(Array("step,loss,note\n1,2,\"a\nb".utf8))
        #expect(q.consumedRecords == 1)
        // A final bare CR may be half of a CRLF.
        var cr = CSVMetricsParser()
        #expect(cr.parse(Array("step,loss\r\n1,2\r".utf8)).consumedRecords == 1)
    }

    @Test(arguments: 0..<20) func randomSplitsMatchOneWholeParse(seed: Int) throws {
        let columns = try MetricColumns(mapping: "step=iter,loss=train/loss,tokens=tok")
        let bytes = Array(Self.text.utf8)
        var whole = CSVMetricsParser(columns: columns)
        let expected = whole.parse(bytes)
        var generator = SplitMixGenerator(seed: UInt64(seed))
        var parser = CSVMetricsParser(columns: columns)
        var pending: [UInt8] = []
        var offset = 0, record = 1
        var points: [(Int, MetricPoint)] = [], problems: [(Int, String)] = []
        while offset < bytes.count {
            let n = Int.random(in: 1...12, using: &generator)
            pending += bytes[offset..<min(bytes.count, offset + n)]
            offset += n
            let out = parser.parse(pending, firstRecord: record)
            points += out.points
            problems += out.problems
            pending.removeFirst(out.consumedBytes)
            record += out.consumedRecords
        }
        #expect(pending.isEmpty)
        #expect(points.map(\.0) == expected.points.map(\.record))
        #expect(points.map(\.1) == expected.points.map(\.point))
        #expect(problems.map(\.0) == expected.problems.map(\.record))
        #expect(problems.map(\.1) == expected.problems.map(\.message))
    }

    @Test func detection() {
        #expect(CSVMetricsParser.isMetricsFile(fileName: "train_log.csv"))
        #expect(CSVMetricsParser.isMetricsFile(fileName: "Metrics.CSV"))
        #expect(!CSVMetricsParser.isMetricsFile(fileName: "log.jsonl"))
    }
}

/// SplitMix64, so random splits are the same on every run.
struct SplitMixGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E3779B97F4A7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
