import Dispatch
import Synchronization
import Testing
@testable import RunIngest

/// A large read is parsed in parts on several threads: the outcome must be the one a
/// single pass gives, line numbers of points and problems included, for any number of parts.
@Suite struct JSONLHalvesTests {
    @Test(arguments: [0, 1, 2], [2, 3, 4, 7, JSONLMetricsParser.partCount])
    func partsEqualOnePass(variant: Int, parts: Int) throws {
        var text = ""
        var step = 0
        while text.utf8.count < JSONLMetricsParser.halvingThreshold * 3 / 2 {
            step += 1
            switch step % 997 {
            case 0: text += "not json\n"
            case 500: text += "{\"step\": \(step), \"loss\": NaN}\n"
            case 700: text += "\n"
            default: text += "{\"step\": \(step), \"loss\": \(3 + 1 / Double(step)), \"lr\": 0.0003}\n"
            }
        }
        // 0: ends at a newline; 1: a partial last line; 2: CRLF line ends.
        if variant == 1 { text += "{\"step\": 1, \"lo" }
        if variant == 2 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        let bytes = Array(text.utf8)
        let parser = JSONLMetricsParser()
        let halves = try #require(bytes.withUnsafeBufferPointer { parser.parseInParts($0, firstRecord: 7, parts: parts) })
        let onePass = bytes.withUnsafeBufferPointer { parser.parseInOrder($0, firstRecord: 7) }
        #expect(halves.points.count > 10_000)
        #expect(halves.points.map(\.record) == onePass.points.map(\.record))
        #expect(halves.points.map(\.point) == onePass.points.map(\.point))
        #expect(halves.problems.map(\.record) == onePass.problems.map(\.record))
        #expect(halves.problems.map(\.message) == onePass.problems.map(\.message))
        #expect(halves.problems.count >= 2)
        #expect(halves.consumedBytes == onePass.consumedBytes)
        #expect(halves.consumedRecords == onePass.consumedRecords)
        // And `parse` itself takes the parts path for a read this large.
        #expect(bytes.withUnsafeBufferPointer { parser.parse($0, firstRecord: 7) }.points.map(\.record) == onePass.points.map(\.record))
    }

    /// Parts taken by any number of threads at once, and by calls that come after the parse
    /// is over, are each parsed exactly once, and the merge is the one pass.
    @Test func partsAreEachParsedOnceWhoeverHelps() {
        let text = (1...40_000).map { "{\"step\": \($0), \"loss\": \(2 + 1 / Double($0))}\n" }.joined() + "{\"step\": 0"
        let bytes = Array(text.utf8)
        let parser = JSONLMetricsParser()
        let parsed = Mutex<[Int]>([])
        bytes.withUnsafeBufferPointer { buffer in
            let onePass = parser.parseInOrder(buffer, firstRecord: 5)
            let bounds = [0, 1000, 300_000, 300_100, 700_000, buffer.count].map { cut -> Int in
                guard cut > 0, cut < buffer.count else { return cut }
                return (buffer[cut...].firstIndex(of: 0x0A) ?? buffer.count - 1) + 1   // after a newline
            }
            #expect(Set(bounds).count == bounds.count, "the cuts are distinct")
            let shared = PartedParse(bytes: buffer, bounds: bounds, firstRecord: 5) { part, first in
                parsed.withLock { $0.append(part.count) }
                return parser.parseInOrder(part, firstRecord: first)
            }
            DispatchQueue.concurrentPerform(iterations: 3) { _ in shared.work() }
            let outcome = shared.outcome()
            shared.work()   // too late: nothing left, nothing touched
            #expect(parsed.withLock { $0.sorted() } == zip(bounds, bounds.dropFirst()).map { $1 - $0 }.sorted())
            #expect(outcome.points.map(\.record) == onePass.points.map(\.record))
            #expect(outcome.points.map(\.point) == onePass.points.map(\.point))
            #expect(outcome.consumedBytes == onePass.consumedBytes && outcome.consumedRecords == onePass.consumedRecords)
        }
    }

    /// Lines longer than a part's share (a 1.2 MB read of 40 kB lines in 32 parts): each cut
    /// moves on by a line, the read's last newline (its last byte) is no cut, and the parts
    /// still give the one pass, with or without a partial line after that newline.
    @Test(arguments: [false, true])
    func linesLongerThanAShareGiveOnePass(partialLastLine: Bool) throws {
        let note = String(repeating: "x", count: 40_000)
        var text = (1...30).map { "{\"step\": \($0), \"loss\": \(2 + 1 / Double($0)), \"note\": \"\(note)\"}\n" }.joined()
        if partialLastLine { text += "{\"step\": 31, \"lo" }
        let bytes = Array(text.utf8)
        #expect(bytes.count >= JSONLMetricsParser.halvingThreshold)
        let parser = JSONLMetricsParser()
        let parts = try #require(bytes.withUnsafeBufferPointer { parser.parseInParts($0, firstRecord: 3, parts: 32) })
        let onePass = bytes.withUnsafeBufferPointer { parser.parseInOrder($0, firstRecord: 3) }
        #expect(onePass.points.map(\.record) == Array(3...32))
        #expect(parts.points.map(\.record) == onePass.points.map(\.record))
        #expect(parts.points.map(\.point) == onePass.points.map(\.point))
        #expect(parts.consumedBytes == onePass.consumedBytes && parts.consumedRecords == onePass.consumedRecords)
    }

    /// Reads too few lines to cut as asked still parse whole: a cut needs a newline.
    @Test func fewLinesGiveFewerParts() throws {
        let bytes = Array(("{\"step\": 1, \"loss\": 2}\n" + String(repeating: "x", count: 100)).utf8)
        let parser = JSONLMetricsParser()
        #expect(bytes.withUnsafeBufferPointer { parser.parseInParts($0, firstRecord: 1, parts: 4) } == nil)
        let two = Array("{\"step\": 1, \"loss\": 2}\n{\"step\": 2, \"loss\": 1}\n".utf8)
        let outcome = try #require(two.withUnsafeBufferPointer { parser.parseInParts($0, firstRecord: 1, parts: 5) })
        #expect(outcome.points.map(\.record) == [1, 2])
        #expect(outcome.consumedBytes == two.count && outcome.consumedRecords == 2)
    }
}
