import Foundation

/// Rotated copies of a log beside it, read as the earlier part of its run. Rotation renames
/// the log and starts a new file of the same name: logrotate and Python's
/// `RotatingFileHandler` name the copies `NAME.1`, `NAME.2`, … (higher is older);
/// `TimedRotatingFileHandler` and logrotate's `dateext` add a date (`NAME.2026-12-01`,
/// `NAME-20261201`). Compressed copies (`.gz`) are not read.
enum RotatedLogs {
    /// A log and its rotated copies, in the order their lines were written.
    struct Group: Equatable {
        /// The log's own name (it may be absent for a moment, between rename and create).
        var name: String
        /// The names to read, oldest first; the log's own last when present.
        var parts: [String]
    }

    /// The logs among `names` that `isLog` accepts, each with its rotated copies.
    static func groups(_ names: [String], isLog: (String) -> Bool) -> [Group] {
        var copies: [String: [(name: String, age: Age)]] = [:]
        var bases = Set<String>()
        for name in names {
            if let (base, age) = rotation(of: name), isLog(base) {
                copies[base, default: []].append((name, age))
            } else if isLog(name) {
                bases.insert(name)
            }
        }
        return bases.union(copies.keys).sorted().map { base in
            let older = (copies[base] ?? []).sorted { $0.age.isOlder(than: $1.age) }.map(\.name)
            return Group(name: base, parts: older + (bases.contains(base) ? [base] : []))
        }
    }

    enum Age {
        case numbered(Int)
        case dated(String)

        func isOlder(than other: Age) -> Bool {
            switch (self, other) {
            case let (.numbered(a), .numbered(b)): return a > b
            // By the date's digits: `2026-12-01` and `20261130` are written differently.
            case let (.dated(a), .dated(b)): return a.filter(\.isNumber) < b.filter(\.isNumber)
            // Dated copies are older than the numbered ones made since (unusual mixes).
            case (.dated, .numbered): return true
            case (.numbered, .dated): return false
            }
        }
    }

    /// The log a rotated copy belongs to and its age, or nil when `name` is no such copy.
    static func rotation(of name: String) -> (base: String, age: Age)? {
        if let dot = name.lastIndex(of: ".") {
            let suffix = name[name.index(after: dot)...]
            let base = String(name[..<dot])
            if !base.isEmpty, (1...4).contains(suffix.count), suffix.allSatisfy({ $0.isASCII && $0.isNumber }),
               let n = Int(suffix), n > 0 {
                return (base, .numbered(n))
            }
        }
        // A date: `.YYYY-MM-DD…` or `-YYYYMMDD…`.
        for separator in [".", "-"] {
            guard let range = name.range(of: separator + "20", options: .backwards) else { continue }
            let suffix = name[name.index(after: range.lowerBound)...]
            let base = String(name[..<range.lowerBound])
            let digits = suffix.filter { $0.isASCII && $0.isNumber }
            guard !base.isEmpty, digits.count >= 8, suffix.allSatisfy({ ($0.isASCII && $0.isNumber) || "-_".contains($0) })
            else { continue }
            return (base, .dated(String(suffix)))
        }
        return nil
    }
}
