import Foundation
import Testing
@testable import RunIngest

/// Reading ahead must never change what is read: a prefetch taken at the offset asked for
/// gives those bytes, one at another offset is dropped, and a large log loads through the
/// tailer exactly as one parse of the whole file reads it.
@Suite struct ChunkReaderTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "scaletop-chunks-\(UUID().uuidString).jsonl"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Read ahead on another thread (`prefetch`) or this one (`readAhead`), right or wrong.
    @Test(arguments: [false, true])
    func prefetchedOrNotTheBytesAreThoseAtTheOffset(onThisThread: Bool) throws {
        let file = (0..<100).map { UInt8($0) }
        let path = try Self.temporaryFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = ChunkReader(path: path, capacity: 16)
        for start in 0...100 {
            for guess in [start, start + 1, max(0, start - 3), 100] {
                if start > 0 {
                    if onThisThread { reader.readAhead(from: guess) } else { reader.prefetch(from: guess) }
                }
                let chunk = try reader.read(from: start)
                #expect(Array(chunk) == Array(file[start..<min(100, start + 16)]), "from \(start), guessed \(guess)")
            }
        }
    }

    /// Lines of one shape (numbers only: read through `JSONLineShape`) or none (a string
    /// member: read the general way), of many lengths.
    @Test(arguments: [false, true])
    func aLargeLogLoadsThroughTheTailerAsOneParse(shaped: Bool) throws {
        var text = ""
        var step = 0
        while text.utf8.count < SourceTailer.chunkBytes * 3 + 12_345 {
            step += 1
            let pad = shaped ? "\(step % 300)\(String(repeating: "7", count: step % 40)).5e-3" : "\"\(String(repeating: "p", count: step % 300))\""
            text += step % 1009 == 0 ? "not json\n" : "{\"step\": \(step), \"loss\": \(2 + 1 / Double(step)), \"pad\": \(pad)}\n"
        }
        text += "{\"step\": 0, \"lo"   // a partial last line waits
        let bytes = Array(text.utf8)
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var tailer = SourceTailer(path: path, displayPath: "log.jsonl", reading: .appending { JSONLMetricsParser() })
        var run = Run(id: path, name: "log")
        var issues: [ParseIssue] = []
        _ = tailer.poll(into: &run) { issues.append($0) }
        // One pass on one thread: the tailer's chunks, read ahead in parts that its own thread
        // helps with (`ChunkParseAhead`, `PartedParse`), must come to the same.
        let whole = bytes.withUnsafeBufferPointer { JSONLMetricsParser().parseInOrder($0, firstRecord: 1) }
        #expect(run.points == MetricPoints(whole.points.map(\.point)), "the same points, kept by the same rule")
        #expect(issues.map(\.line) == whole.problems.map(\.record))
        #expect(tailer.offset == whole.consumedBytes)
        #expect(tailer.nextRecord == 1 + whole.consumedRecords)
    }

    /// Formats whose parser keeps state from one chunk to the next (a CSV's header row,
    /// TensorBoard's tags and their plugins) load in chunks as one parse reads them.
    @Test(arguments: ["csv", "tfevents"])
    func aLargeRecordLogLoadsAsOneParse(format: String) throws {
        var bytes: [UInt8] = []
        let makeParser: @Sendable () -> any AppendingLogParser
        var step = 0
        if format == "csv" {
            bytes = Array("step,train_loss,lr,note\n".utf8)
            while bytes.count < SourceTailer.chunkBytes * 3 + 777 {
                step += 1
                let row = step % 1013 == 0 ? "\(step),oops,1e-4,x\n"
                    : "\(step),\(2 + 1 / Double(step)),\(Double(step % 97) * 1e-6),\(String(repeating: "n", count: step % 200))\n"
                bytes += Array(row.utf8)
            }
            makeParser = { CSVMetricsParser() }
        } else {
            while bytes.count < SourceTailer.chunkBytes * 3 + 777 {
                step += 1
                let values: [(String, Float)] = step % 1013 == 0 ? [("train/loss", .nan)]
                    : [("train/loss", 2 + 1 / Float(step)), ("pad/\(String(repeating: "p", count: step % 150))", 1)]
                bytes += TFRecordBytes.frame(TensorBoardEventParserTests.event(step: Int64(step), wall: Double(step), values))
            }
            makeParser = { TensorBoardEventParser() }
        }
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var tailer = SourceTailer(path: path, displayPath: "log", reading: .appending(makeParser))
        var run = Run(id: path, name: "log")
        var issues: [ParseIssue] = []
        _ = tailer.poll(into: &run) { issues.append($0) }
        var oneParse = makeParser()
        let whole = bytes.withUnsafeBufferPointer { oneParse.parse($0, firstRecord: 1) }
        #expect(run.points.count > 10_000)
        #expect(run.points == MetricPoints(whole.points.map(\.point)))
        #expect(issues.map(\.line) == whole.problems.map(\.record))
        #expect(issues.count >= 3)
        #expect(tailer.offset == whole.consumedBytes)
        #expect(tailer.nextRecord == 1 + whole.consumedRecords)
    }
}
