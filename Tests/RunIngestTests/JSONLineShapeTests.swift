import ScalingLaws
import Testing
@testable import RunIngest

/// A line read through the shape learned from the lines before it (`JSONLineShape`) must
/// give exactly what the general scanner gives for that line alone: the same point, the same
/// problem, the same skip. And the shape must actually be taken on a log of uniform lines.
@Suite struct JSONLineShapeTests {
    let parser = JSONLMetricsParser()

    /// Lines of many kinds, in runs, so shapes are learned, matched, missed and relearned.
    static func mixedLines(count: Int) -> [String] {
        var generator = SplitMix64(seed: 16)   // the same log on every run
        var lines: [String] = []
        var kind = 0
        for step in 1...count {
            // Mostly the canonical line; now and then another kind, sometimes for a run.
            if generator.next() % 5 == 0 { kind = Int(generator.next() % 34) } else if generator.next() % 3 == 0 { kind = 0 }
            let loss = 2 + Double(generator.next() % 1_000_000) / 1e6
            let lr = Double(generator.next() % 1000) * 1e-7
            let common = "\"step\": \(step), \"tokens\": \(Double(step) * 524288), \"loss\": \(loss)"
            switch kind {
            case 1: lines.append("{\(common), \"lr\": NaN, \"grad_norm\": 1.5}")
            case 2: lines.append("{\"step\": \(step), \"tokens\": \(step * 4096), \"loss\": \"\(loss)\", \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 3: lines.append("{\"step\": \(step), \"tokens\": 1.0, \"loss\": null, \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 4: lines.append("{\"step\": \(step), \"tokens\": 1.0, \"loss\": 1.2.3, \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 5: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.2.3}")   // nobody reads grad_norm
            case 6: lines.append("{\"step\":\(step),\"loss\":\(loss),\"lr\":\(lr)}")
            case 7: lines.append("{\"loss\": \(loss), \"step\": \(step), \"tokens\": 3.0, \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 8: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.5, \"extra\": 7}")
            case 9: lines.append("{\(common), \"lr\": \(lr)}")
            case 10: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.5} ")
            case 11: lines.append("{\"step\": \(step), \"tokens\": 2.0, \"loss\": \(loss), \"loss\": 9.5, \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 12: lines.append("{\"step\": \(step), \"tokens\": 2.0, \"eval_loss\": 9.5, \"loss\": \(loss), \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 13: lines.append("{\"step\": \(step), \"tokens\": 2.0, \"loss\": \(loss), \"eval_loss\": 9.5, \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 14: lines.append("{\"step\": \(step), \"eval_loss\": \(loss + 0.1)}")
            case 15: lines.append("{\"st\\u0065p\": \(step), \"tokens\": 2.0, \"loss\": \(loss), \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 16: lines.append("{\"step\": \(step), \"tokens\": 1e400, \"loss\": \(loss), \"lr\": -\(lr), \"grad_norm\": -1.5e-3}")
            case 17: lines.append("{\"step\": \(step).5, \"tokens\": 2.0, \"loss\": \(loss), \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 18: lines.append("{\"step\": -\(step), \"tokens\": 2.0, \"loss\": \(loss), \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 19: lines.append("")
            case 20: lines.append("not json at all")
            case 21: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.")
            case 22: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.5}}")
            case 23: lines.append("{\"step\": \(step), \"tokens\": 2.0, \"loss\": \(loss), \"lr\": \(lr), \"grad_norm\": [1, 2]}")
            case 24: lines.append("{\"step\": \(step),X\"tokens\": 2.0, \"loss\": \(loss), \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 25: lines.append("[\(common), \"lr\": \(lr), \"grad_norm\": 1.5}")
            case 26: lines.append("{\(common), \"lr\": -, \"grad_norm\": 1.5}")
            case 27: lines.append("{\(common), \"lr\": 1e, \"grad_norm\": 1e}")
            case 28: lines.append("{\(common), \"lr\": -Infinity, \"grad_norm\": Infinity}")
            case 29: lines.append("{\"step\": 0\(step), \"tokens\": 2.0, \"loss\": 0\(loss), \"lr\": 1., \"grad_norm\": -0}")
            case 30: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.5}\r")
            case 33: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.5}\r\r")
            case 31: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.5x}")
            // 2^64 and 2^65 written out: their digits wrap a 64-bit mantissa to 0.
            case 32: lines.append("{\"step\": \(step), \"tokens\": 36893488147419103232, \"loss\": 18446744073709551616, \"lr\": \(lr), \"grad_norm\": 1.5}")
            default: lines.append("{\(common), \"lr\": \(lr), \"grad_norm\": 1.5}")
            }
        }
        return lines
    }

    @Test func shapedLinesReadAsTheyReadAlone() {
        let lines = Self.mixedLines(count: 20_000)
        var shape = JSONLineShape()
        var shaped = 0
        for line in lines {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                let line = UnsafeBufferPointer(buffer)
                var fresh = JSONLineShape()
                let alone = String(describing: parser.parseLine(line, shape: &fresh))
                let wasLearned = shape.isLearned
                let before = shape.matchedLines
                let kept = String(describing: parser.parseLine(line, shape: &shape))
                #expect(kept == alone, "\(String(decoding: line, as: UTF8.self))")
                if wasLearned, shape.matchedLines > before { shaped += 1 }
            }
        }
        // Most lines are canonical: most must have gone through the shape.
        #expect(shaped > lines.count / 2)
    }

    /// The whole parse (shapes per part, parts on several threads) equals lines read alone.
    @Test func aParseEqualsItsLinesReadAlone() {
        let lines = Self.mixedLines(count: 30_000)
        let text = lines.joined(separator: "\n") + "\n"
        let outcome = parser.parse(Array(text.utf8), firstRecord: 3)
        var points: [(Int, MetricPoint)] = [], problems: [(Int, String)] = []
        for (i, line) in lines.enumerated() {
            let alone = parser.parse(Array((line + "\n").utf8), firstRecord: 3 + i)
            points += alone.points.map { ($0.record, $0.point) }
            problems += alone.problems.map { ($0.record, $0.message) }
        }
        #expect(outcome.points.map(\.record) == points.map(\.0))
        #expect(outcome.points.map(\.point) == points.map(\.1))
        #expect(outcome.problems.map(\.record) == problems.map(\.0))
        #expect(outcome.problems.map(\.message) == problems.map(\.1))
        #expect(outcome.consumedRecords == lines.count)
    }

    /// The fuzzing harness's own check holds on the mixed log, whole and cut mid-line.
    @Test func theFuzzCheckHoldsOnMixedLines() throws {
        let text = Array((Self.mixedLines(count: 5_000).joined(separator: "\n") + "\n").utf8)
        // Whole, just before the last newline (a chunk ending at a `}`), mid-line, and between
        // a `\r` and its `\n`.
        let betweenCRLF = try #require((1..<text.count).first { text[$0 - 1] == 0x0D && text[$0] == 0x0A })
        for cut in [text.count, text.count - 1, text.count - 7, text.count / 2, betweenCRLF] {
            #expect(text.prefix(cut).withUnsafeBufferPointer { parser.shapesReadAsAlone($0) }, "cut at \(cut)")
        }
    }

    @Test func aLineMatchesOnlyTheExactShape() {
        let keys = KeyTable(.standard)
        var shape = JSONLineShape()
        // The values read, "role=value" for each role the line gave, or nil: no match.
        func visit(_ text: String) -> [String]? {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { buffer in
                var values = [Double](repeating: 42, count: KeyTable.roleCount)
                guard shape.read(UnsafeBufferPointer(buffer), into: &values) == buffer.count else { return nil }
                return (0..<KeyTable.roleCount).filter { !values[$0].isNaN }.map { "\($0)=\(values[$0])" }
            }
        }
        func learn(_ text: String) {
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { shape.learnIfDue(UnsafeBufferPointer($0), keyTable: keys) }
        }
        #expect(visit("{\"step\": 1, \"loss\": 2.5}") == nil)   // nothing learned yet
        learn("{\"step\": 1, \"grad_norm\": 0.5, \"loss\": 2.5}")
        #expect(shape.isLearned)
        // step is role 0, loss role 3; grad_norm is nobody's and is not read.
        #expect(visit("{\"step\": 2, \"grad_norm\": 7, \"loss\": 2.25}") == ["0=2.0", "3=2.25"])
        #expect(visit("{\"step\": -2, \"grad_norm\": 1e-3, \"loss\": 2.5E+2}") == ["0=-2.0", "3=250.0"])
        #expect(shape.roles == 1 << 0 | 1 << 3)
        for other in ["{\"step\": 2, \"grad_norm\": 7, \"loss\": NaN}", "{\"step\": 2, \"grad_norm\": 7, \"loss\": \"2\"}",
                      "{\"step\": 2, \"grad_norm\": 7, \"loss\": 2.25} ", "{\"step\": 2, \"grad_norm\": 7, \"loss\": 2.25, \"x\": 1}",
                      "{\"step\": 2, \"grad_norm\": 7}", "{\"step\": 2,\"grad_norm\": 7, \"loss\": 2.25}",
                      "{\"step\": 2, \"grad_norm\": 7, \"lossy\": 2.25}", "{\"step\": 2, \"grad_norm\": 7, \"loss\": 2.25}}",
                      "{\"step\": 2, \"grad_norm\": null, \"loss\": 2.25}", "{\"step\": 2, \"grad_norm\": 7, \"loss\": 1.2.3}",
                      "{\"step\": 2, \"grad_norm\": 7, \"loss\": ", "{\"step\": 2, \"grad_norm\": 7, \"loss\": 2.25"] {
            #expect(visit(other) == nil, "\(other)")
        }
        // A line with more text after it ends at its newline (`\r\n` too, the `\r` not part
        // of the line), and only there.
        func length(_ text: String) -> Int? {
            var bytes = Array(text.utf8)
            var values = [Double](repeating: 42, count: KeyTable.roleCount)
            return bytes.withUnsafeMutableBufferPointer { shape.read(UnsafeBufferPointer($0), into: &values) }
        }
        let line = "{\"step\": 2, \"grad_norm\": 7, \"loss\": 2.25}"
        #expect(length(line + "\n{\"step\": 3") == line.utf8.count)
        #expect(length(line + "\r\n{\"step\": 3") == line.utf8.count)
        #expect(length(line + "\n") == line.utf8.count)
        for after in ["\r", "\r\r\n", " \n", "}\n", "\r{"] {
            #expect(length(line + after) == nil, "followed by \(after.debugDescription)")
        }
        // One line of another shape (an eval line) leaves the shape as it was…
        shape = JSONLineShape()
        learn("{\"step\": 1, \"loss\": 2.5}")
        #expect(visit("{\"step\": 2, \"eval_loss\": 2.5}") == nil)
        learn("{\"step\": 2, \"eval_loss\": 2.5}")
        #expect(visit("{\"step\": 3, \"loss\": 2.5}") == ["0=3.0", "3=2.5"])
        // …two in a row make it learn the new one.
        #expect(visit("{\"step\": 4, \"eval_loss\": 2.5}") == nil)
        #expect(visit("{\"step\": 5, \"eval_loss\": 2.5}") == nil)
        learn("{\"step\": 5, \"eval_loss\": 2.5}")
        #expect(visit("{\"step\": 6, \"eval_loss\": 2.75}") == ["0=6.0", "3=2.75"])
        // Two keys of one role: a key after a higher-ranked one is stepped over unread, as the
        // general scanner does (even when it is not a number)…
        shape = JSONLineShape()
        learn("{\"step\": 1, \"loss\": 2.5, \"eval_loss\": 3.5}")
        #expect(visit("{\"step\": 2, \"loss\": 2.25, \"eval_loss\": 3.25}") == ["0=2.0", "3=2.25"])
        #expect(visit("{\"step\": 2, \"loss\": 2.25, \"eval_loss\": 1.2.3}") == ["0=2.0", "3=2.25"])
        // …while one before it is read (and must be a number), then replaced.
        shape = JSONLineShape()
        learn("{\"step\": 1, \"eval_loss\": 3.5, \"loss\": 2.5}")
        #expect(visit("{\"step\": 2, \"eval_loss\": 3.25, \"loss\": 2.25}") == ["0=2.0", "3=2.25"])
        #expect(visit("{\"step\": 2, \"eval_loss\": 1.2.3, \"loss\": 2.25}") == nil)
    }

    /// A line with an escaped key, a string or a nested value has no shape: nothing is learned.
    @Test func linesOutsideTheShapeAreNotLearned() {
        let keys = KeyTable(.standard)
        for text in ["{\"st\\u0065p\": 1, \"loss\": 2.5}", "{\"step\": 1, \"loss\": 2.5, \"tag\": \"x\"}",
                     "{\"step\": 1, \"loss\": [2.5]}", "{}", "{\"step\": 1, \"loss\": 2.5} ", "[1, 2]"] {
            var shape = JSONLineShape()
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { shape.learnIfDue(UnsafeBufferPointer($0), keyTable: keys) }
            #expect(!shape.isLearned, "\(text)")
        }
    }
}
