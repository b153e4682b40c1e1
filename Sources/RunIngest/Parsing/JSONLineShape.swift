/// The shape of a metrics log's lines: the keys of one line, in order, as `json.dumps` writes
/// them (`{"step": 1, "loss": 2.5, "lr": 0.001}`), each with what the metric columns make of
/// it. A logger writes the same keys in the same order on every line, so the next line is
/// checked against the shape a few bytes at a time (`"loss": ` compared whole) instead of being
/// scanned key by key and each key looked up among the column names: that was half of reading
/// a line (perf of `scaletop runs` on a 189 MB log, issue 16).
///
/// Only a line that matches exactly is read through the shape: the same keys, byte for byte,
/// in the same order, `, ` between members, `}` at the end of the line, and every value a plain
/// number as the general scanner (`FlatJSONObject.visit`) takes numbers (the same run of
/// number bytes, judged only when a column reads it). The general scanner reads such a line
/// member by member to the same keys and the same bytes, so it gives the same values.
/// Anything else (a NaN, a string, a nested value, other spacing, another key) fails the
/// match, and the line goes to the general scanner.
///
/// Which member gives each role's value is worked out once, when the shape is learned: the
/// general scanner reads a member only when no earlier member of the line gave its role from
/// a key that ranks as high or higher (`loss` before `eval_loss`), and in a shape the earlier
/// members are known. A matched line is then read member by member into one value per role,
/// with no per-key decision left (reading into a closure per member, then building the point
/// from optional (rank, value) pairs was a third of a line's time, perf, issue 16).
struct JSONLineShape {
    /// `"key": ` of every member, back to back.
    private var keyText: [UInt8] = []
    /// Empty until a line is learned (a learned line has at least one member).
    private var members: [Member] = []
    /// The roles some member gives a value (bit r for role r of `KeyTable`).
    private(set) var roles: UInt8 = 0
    var isLearned: Bool { !members.isEmpty }
    /// Lines read through the shape (for tests: that the shape is taken at all).
    private(set) var matchedLines = 0
    /// Lines in a row the shape did not match; at two the log has changed shape, and the next
    /// line read the general way is learned. (One line of another shape, an eval line among
    /// training lines, does not make the shape learn it.)
    private var misses = 0
    /// Lines to wait before trying to learn again after a line could not be learned (a log
    /// whose lines never match costs a failed attempt now and then, not one per line).
    private var learnBackoff = 1
    private var linesUntilLearning = 0

    /// Longer lines are read the general way: a shape is for the few scalars of a metrics line.
    static let maximumMembers = 64

    private struct Member {
        /// `keyText[start..<end]`.
        var start: Int
        var end: Int
        /// The role this member's value gives (`KeyTable`), or -1 when the general scanner
        /// steps over it: no column reads the key, or an earlier member gave the role already
        /// from a key that ranks as high or higher.
        var role: Int
    }

    /// Read the members of the line at the start of `text` into `values`, one per role
    /// (`KeyTable.roleCount` of them; NaN for a role the shape does not give), if the line has
    /// this shape and every number read is valid (as `RawJSONNumber.value` judges it), and
    /// return the line's length. Nil otherwise, and the caller reads the line the general way.
    /// `text` may run on past the line: the line ends at the `}` that closes the shape, which
    /// must be followed by the end of `text`, `\n` or `\r\n`, so a chunk's lines are read
    /// without first finding each newline (`JSONLMetricsParser.parseInOrder`: that search was a
    /// tenth of reading a line, perf, issue 16). (A buffer, not a SIMD vector returned: writing
    /// one lane of a vector by a runtime index stored it, wrote the lane and reloaded it whole,
    /// a stalled load per value: a fifth of a line's time, perf.)
    @inline(__always)
    mutating func read(_ text: UnsafeBufferPointer<UInt8>, into values: UnsafeMutablePointer<Double>) -> Int? {
        guard isLearned else { return nil }
        guard let length = matches(text, into: values) else {
            misses += 1
            return nil
        }
        misses = 0
        matchedLines += 1
        return length
    }

    private func matches(_ line: UnsafeBufferPointer<UInt8>, into values: UnsafeMutablePointer<Double>) -> Int? {
        guard let base = line.baseAddress, line.count >= 2, base[0] == UInt8(ascii: "{") else { return nil }
        values.update(repeating: .nan, count: KeyTable.roleCount)
        return keyText.withUnsafeBufferPointer { keys in
            members.withUnsafeBufferPointer { members -> Int? in
                var i = 1
                let last = members.count - 1
                for k in 0...last {
                    let member = members[k]
                    let n = member.end - member.start
                    guard i + n < line.count, Self.equalKey(keys.baseAddress! + member.start, base + i, n) else { return nil }
                    i += n
                    if member.role >= 0 {
                        // The usual form at once; the rest as the general scanner reads it.
                        guard let value = PlainDecimal.value(in: line, at: &i) ?? Self.generalNumber(in: line, at: &i) else {
                            return nil
                        }
                        values[member.role] = value
                    } else {
                        guard PlainDecimal.skip(in: line, at: &i) else { return nil }
                    }
                    if k < last {
                        guard i + 2 < line.count, base[i] == UInt8(ascii: ","), base[i + 1] == 0x20 else { return nil }
                        i += 2
                    }
                }
                return Self.lineEnd(in: line, at: i)
            }
        }
    }

    /// A number `PlainDecimal` leaves to the general reading (leading zeros, 20 digits…), read
    /// as the general scanner reads it. Never inlined: inlined, it took the place of
    /// `PlainDecimal.value` in `matches`, which then became a call per value (perf, issue 16).
    @inline(never)
    private static func generalNumber(in line: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Double? {
        guard let number = FlatJSONObject.plainNumber(in: line, at: &i) else { return nil }
        return number.value
    }

    /// The line's length when `}` at `i` closes it: followed by the end of `text`, `\n` or
    /// `\r\n` (the `\r` not part of the line, as `CompleteLines` cuts lines); nil otherwise.
    @inline(never)   // once a line; inlined, it left `matches` too large to inline `PlainDecimal.value`
    private static func lineEnd(in text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i < text.count, text[i] == UInt8(ascii: "}") else { return nil }
        let end = i + 1
        if end == text.count || text[end] == 0x0A { return end }
        return end + 1 < text.count && text[end] == 0x0D && text[end + 1] == 0x0A ? end : nil
    }

    /// Whether the n bytes of a member's `"key": ` at a and b are equal (n ≥ 4, as every such
    /// text is): words that may overlap, not a byte at a time for the tail (an estimate, not a
    /// measurement: some 20 tail bytes a line compared one by one).
    @inline(__always)
    private static func equalKey(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        func word(_ p: UnsafePointer<UInt8>) -> UInt64 { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
        func half(_ p: UnsafePointer<UInt8>) -> UInt32 { UnsafeRawPointer(p).loadUnaligned(as: UInt32.self) }
        if n >= 8 {
            var k = 0
            while k + 8 < n {
                if word(a + k) != word(b + k) { return false }
                k += 8
            }
            return word(a + n - 8) == word(b + n - 8)
        }
        if n >= 4 { return half(a) == half(b) && half(a + n - 4) == half(b + n - 4) }
        return KeyTable.equal(a, b, n)
    }

    /// After a line was read the general way: learn its shape when the shape has missed twice
    /// in a row (or none was learned yet), unless a recent line could not be learned.
    mutating func learnIfDue(_ line: UnsafeBufferPointer<UInt8>, keyTable: KeyTable) {
        guard !isLearned || misses >= 2 else { return }
        if linesUntilLearning > 0 {
            linesUntilLearning -= 1
            return
        }
        if learn(line, keyTable: keyTable) {
            learnBackoff = 1
            misses = 0
        } else {
            linesUntilLearning = learnBackoff
            learnBackoff = min(learnBackoff * 2, 1024)
        }
    }

    /// Take `line`'s shape if it has one (see the type's comment); false, the shape
    /// unchanged, when it has not.
    private mutating func learn(_ line: UnsafeBufferPointer<UInt8>, keyTable: KeyTable) -> Bool {
        guard let base = line.baseAddress, line.count >= 2, base[0] == UInt8(ascii: "{") else { return false }
        var text: [UInt8] = []
        var learned: [Member] = []
        var bestRank = [Int](repeating: .max, count: KeyTable.roleCount)
        var i = 1
        while true {
            // `"key": ` with no escape in the key.
            guard i < line.count, base[i] == UInt8(ascii: "\""), learned.count < Self.maximumMembers else { return false }
            let keyStart = i + 1
            var close = keyStart
            while close < line.count, base[close] != UInt8(ascii: "\""), base[close] != UInt8(ascii: "\\") { close += 1 }
            guard close + 2 < line.count, base[close] == UInt8(ascii: "\""), base[close + 1] == UInt8(ascii: ":"),
                  base[close + 2] == 0x20 else { return false }
            let key = UnsafeBufferPointer(start: base + keyStart, count: close - keyStart)
            var role = -1
            if let column = keyTable.lookup(key, escaped: false), column.rank < bestRank[column.role] {
                role = column.role
                bestRank[role] = column.rank
            }
            let start = text.count
            text.append(contentsOf: UnsafeBufferPointer(start: base + i, count: close + 3 - i))
            learned.append(Member(start: start, end: text.count, role: role))
            i = close + 3
            guard FlatJSONObject.skipPlainNumber(in: line, at: &i), let after = Self.separator(in: line, at: i) else { return false }
            if after.isEnd { break }
            i = after.next
        }
        keyText = text
        members = learned
        roles = learned.reduce(0) { $1.role >= 0 ? $0 | 1 << UInt8($1.role) : $0 }
        return true
    }

    /// What follows a member's value at `i` in a line being learned, as the shape allows it
    /// (`matches` checks the same two forms in place): `, ` and another member (`next` is its
    /// index), or `}` ending the line; nil for anything else.
    @inline(__always)
    private static func separator(in line: UnsafeBufferPointer<UInt8>, at i: Int) -> (isEnd: Bool, next: Int)? {
        if i + 1 == line.count, line[i] == UInt8(ascii: "}") { return (true, i + 1) }
        guard i + 2 < line.count, line[i] == UInt8(ascii: ","), line[i + 1] == 0x20 else { return nil }
        return (false, i + 2)
    }
}

extension JSONLMetricsParser {
    /// Whether every line of `bytes` (cut at each newline) reads through the shape learned from
    /// the lines before it exactly as it reads alone, by the general scanner, and whether a
    /// one-pass parse of `bytes` (whose shape also finds where its lines end) gives what its
    /// complete lines give read alone: the fuzzing harness's check of `JSONLineShape`
    /// (`make fuzz`, target jsonl).
    public func shapesReadAsAlone(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var shape = JSONLineShape()
        let lineByLine = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).allSatisfy { line in
            let line = UnsafeBufferPointer(rebasing: line)
            var fresh = JSONLineShape()
            return parseLine(line, shape: &fresh) == parseLine(line, shape: &shape)
        }
        var alone = ParseOutcome()
        (alone.consumedBytes, alone.consumedRecords) = CompleteLines.forEach(in: bytes, firstRecord: 1) { line, number in
            var fresh = JSONLineShape()
            alone.add(parseLine(line, shape: &fresh), at: number)
        }
        let onePass = parseInOrder(bytes, firstRecord: 1)
        return lineByLine && onePass.consumedBytes == alone.consumedBytes && onePass.consumedRecords == alone.consumedRecords
            && onePass.points.map(\.record) == alone.points.map(\.record) && onePass.points.map(\.point) == alone.points.map(\.point)
            && onePass.problems.map(\.record) == alone.problems.map(\.record)
            && onePass.problems.map(\.message) == alone.problems.map(\.message)
    }
}
