import Testing
@testable import RunIngest

/// A large read is parsed in two halves on two threads: the outcome must be the one a
/// single pass gives, line numbers of points and problems included.
@Suite struct JSONLHalvesTests {
    @Test(arguments: [0, 1, 2])
    func halvesEqualOnePass(variant: Int) throws {
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
        let halves = try #require(bytes.withUnsafeBufferPointer { parser.parseInHalves($0, firstRecord: 7) })
        let onePass = bytes.withUnsafeBufferPointer { parser.parseInOrder($0, firstRecord: 7) }
        #expect(halves.points.count > 10_000)
        #expect(halves.points.map(\.record) == onePass.points.map(\.record))
        #expect(halves.points.map(\.point) == onePass.points.map(\.point))
        #expect(halves.problems.map(\.record) == onePass.problems.map(\.record))
        #expect(halves.problems.map(\.message) == onePass.problems.map(\.message))
        #expect(halves.problems.count >= 2)
        #expect(halves.consumedBytes == onePass.consumedBytes)
        #expect(halves.consumedRecords == onePass.consumedRecords)
        // And `parse` itself takes the two-halves path for a read this large.
        #expect(bytes.withUnsafeBufferPointer { parser.parse($0, firstRecord: 7) }.points.map(\.record) == onePass.points.map(\.record))
    }
}
