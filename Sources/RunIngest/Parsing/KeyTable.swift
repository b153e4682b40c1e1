import Synchronization

/// The column names of `MetricColumns` as bytes, so a line's keys are matched without
/// making a String of each (the hot path of a large log): the names sit in one buffer,
/// grouped by length, so a key is compared only with the few names of its own length. A
/// class, so the per-line closures that use it hold one reference, not copies of arrays.
final class KeyTable: @unchecked Sendable {   // immutable after init
    static let step = 0, tokens = 1, flops = 2, loss = 3, learningRate = 4, wallTime = 5
    static let roleCount = 6

    private struct Entry: Sendable {
        var offset: Int
        var role: Int
        var rank: Int
    }

    /// The names, back to back.
    private let nameStorage: UnsafeMutablePointer<UInt8>
    /// Entries ordered by name length; those of length n are `lengthStarts[n]..<lengthStarts[n + 1]`.
    private let entryStorage: UnsafeMutablePointer<Entry>
    private let lengthStarts: UnsafeMutablePointer<Int>
    private let lengthCount: Int

    /// The table of `columns`, shared with every parser of the same columns: a study's
    /// logs all use one set, and a table per log took 1.5 KB per run (15 MiB of a
    /// 10,000-run dashboard, heaptrack, issue 16). The last table made is kept.
    static func shared(_ columns: MetricColumns) -> KeyTable {
        lastMade.withLock { last in
            if let last, last.columns == columns { return last.table }
            let table = KeyTable(columns)
            last = (columns, table)
            return table
        }
    }

    private static let lastMade = Mutex<(columns: MetricColumns, table: KeyTable)?>(nil)

    init(_ columns: MetricColumns) {
        let roles = Self.roles(of: columns)
        var all: [(name: [UInt8], role: Int, rank: Int)] = []
        for (role, roleNames) in roles.enumerated() {
            for (rank, name) in roleNames.enumerated() { all.append((Array(name.utf8), role, rank)) }
        }
        // Stable by length: within a length, names keep their role and rank order.
        all = all.enumerated().sorted { ($0.element.name.count, $0.offset) < ($1.element.name.count, $1.offset) }.map(\.element)
        let longest = all.last?.name.count ?? 0
        var firstOfLength = Array(repeating: all.count, count: longest + 2)
        for (i, item) in all.enumerated().reversed() { firstOfLength[item.name.count] = i }
        for n in stride(from: longest, through: 0, by: -1) where firstOfLength[n] == all.count {
            firstOfLength[n] = firstOfLength[n + 1]
        }
        var names: [UInt8] = [], entries: [Entry] = []
        for item in all {
            entries.append(Entry(offset: names.count, role: item.role, rank: item.rank))
            names.append(contentsOf: item.name)
        }
        // Raw memory for the lookup, which runs for every key of every line: plain loads, no
        // array access through the class.
        nameStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, names.count))
        nameStorage.initialize(from: names, count: names.count)
        entryStorage = UnsafeMutablePointer<Entry>.allocate(capacity: max(1, entries.count))
        entryStorage.initialize(from: entries, count: entries.count)
        lengthStarts = UnsafeMutablePointer<Int>.allocate(capacity: firstOfLength.count)
        lengthStarts.initialize(from: firstOfLength, count: firstOfLength.count)
        lengthCount = firstOfLength.count
    }

    deinit {
        nameStorage.deallocate()
        entryStorage.deallocate()
        lengthStarts.deallocate()
    }

    /// Whether n bytes at a and b are equal: eight at a time for the short names of metric
    /// columns (a call to memcmp costs more than the comparison). Also `JSONLineShape`'s.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The column names of each role, in role order (`step` is role 0…).
    static func roles(of columns: MetricColumns) -> [[String]] {
        [columns.step, columns.tokens, columns.flops, columns.loss, columns.learningRate, columns.wallTime]
    }

    /// Inlined into the line scanner (it runs for every key of every line); a key with
    /// escapes, which needs decoding first, takes the call.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>, escaped: Bool) -> (role: Int, rank: Int)? {
        if escaped { return lookupEscaped(key) }
        let n = key.count
        guard n > 0, n + 1 < lengthCount, let keyBase = key.baseAddress else { return nil }
        var i = lengthStarts[n]
        let end = lengthStarts[n + 1]
        // Most keys of a line are not ones we read: their first or last byte tells at once.
        while i < end {
            let entry = entryStorage[i]
            let name = nameStorage + entry.offset
            if name[0] == keyBase[0], name[n - 1] == keyBase[n - 1], Self.equal(name, keyBase, n) {
                return (entry.role, entry.rank)
            }
            i += 1
        }
        return nil
    }

    @inline(never)
    private func lookupEscaped(_ key: UnsafeBufferPointer<UInt8>) -> (role: Int, rank: Int)? {
        let bytes = Array(FlatJSONObject.text(key, hasEscapes: true).utf8)
        return bytes.withUnsafeBufferPointer { lookup($0, escaped: false) }
    }
}
