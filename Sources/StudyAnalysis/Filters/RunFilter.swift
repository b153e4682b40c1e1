import Foundation

/// What `/` filters the runs by: space-separated terms, all of which must hold. A term
/// `key<op>value` compares a run's number (`N>1e8`, `lr<3e-4`, `loss<=3.2`, `step>=1000`;
/// ops < <= > >= = !=), `status=live` matches a status, and any other term is a
/// case-insensitive regular expression on the run's name (`1B`, `^190M-(1|2)xC$`).
/// `!term` negates a term.
public struct RunFilter: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", notEqual = "!=", less = "<", greater = ">", equal = "="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return abs(a - b) <= 1e-9 * max(abs(a), abs(b))
            case .notEqual: return abs(a - b) > 1e-9 * max(abs(a), abs(b))
            }
        }
    }

    public enum Term: Sendable, Equatable {
        case compare(key: String, Comparison, Double)
        case status(RunStatus)
        case name(pattern: String)
        indirect case not(Term)
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var term: String
        public var reason: String
        public var description: String { "filter term '\(term)': \(reason)" }
    }

    public let text: String
    public let terms: [Term]
    /// Name patterns compiled once (NSRegularExpression is a class, hence the box).
    private let patterns: RegexBox

    public static func == (l: RunFilter, r: RunFilter) -> Bool { l.text == r.text }

    /// An empty filter matches every run.
    public static let all = try! RunFilter("")

    public init(_ text: String) throws(ParseError) {
        self.text = text
        var terms: [Term] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            terms.append(try RunFilter.parse(String(word)))
        }
        self.terms = terms
        var compiled: [String: NSRegularExpression] = [:]
        for pattern in RunFilter.namePatterns(in: terms) where compiled[pattern] == nil {
            do {
                compiled[pattern] = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            } catch {
                throw ParseError(term: pattern, reason: "not a valid regular expression")
            }
        }
        patterns = RegexBox(compiled)
    }

    public var isEmpty: Bool { terms.isEmpty }

    public func matches(_ run: RunSummary) -> Bool {
        terms.allSatisfy { holds($0, for: run) }
    }

    private func holds(_ term: Term, for run: RunSummary) -> Bool {
        switch term {
        case .compare(let key, let op, let value):
            guard let v = run.value(forKey: key) else { return false }
            return op.holds(v, value)
        case .status(let status):
            return run.status == status
        case .name(let pattern):
            guard let regex = patterns.compiled[pattern] else { return false }
            let range = NSRange(run.name.startIndex..., in: run.name)
            return regex.firstMatch(in: run.name, range: range) != nil
        case .not(let inner):
            return !holds(inner, for: run)
        }
    }

    static func parse(_ word: String) throws(ParseError) -> Term {
        if word.hasPrefix("!") && word.count > 1 {
            return .not(try parse(String(word.dropFirst())))
        }
        // The first operator found wins; two-character operators are listed first.
        for op in Comparison.allCases {
            guard let range = word.range(of: op.rawValue), range.lowerBound > word.startIndex else { continue }
            let key = String(word[..<range.lowerBound])
            // A regex such as `a{2,}` or `(?<=x)` is not a comparison: keys are identifiers.
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) else { break }
            let valueText = String(word[range.upperBound...])
            if key.lowercased() == "status" {
                guard op == .equal || op == .notEqual else {
                    throw ParseError(term: word, reason: "status takes = or !=")
                }
                // The word shown (`done`) or the case's name (`finished`).
                let wanted = valueText.lowercased()
                guard let status = RunStatus.allCases.first(where: { $0.word == wanted || $0.rawValue == wanted }) else {
                    throw ParseError(term: word, reason: "status is one of " + RunStatus.allCases.map(\.word).joined(separator: ", "))
                }
                return op == .equal ? .status(status) : .not(.status(status))
            }
            guard let value = RunFilter.number(valueText) else {
                throw ParseError(term: word, reason: "'\(valueText)' is not a number (write 1e8, 3e-4, 1.5B, 300M)")
            }
            return .compare(key: key, op, value)
        }
        return .name(pattern: word)
    }

    /// A number as people type sizes: plain or scientific, or with a K/M/B/T suffix.
    static func number(_ text: String) -> Double? {
        if let v = Double(text), v.isFinite { return v }
        let suffixes: [Character: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12]
        guard let last = text.last, let scale = suffixes[last], let v = Double(text.dropLast()), v.isFinite else { return nil }
        return v * scale
    }

    static func namePatterns(in terms: [Term]) -> [String] {
        terms.flatMap { term -> [String] in
            switch term {
            case .name(let p): return [p]
            case .not(let inner): return namePatterns(in: [inner])
            default: return []
            }
        }
    }
}

/// The compiled name patterns, built once per filter and shared by its copies.
final class RegexBox: Sendable {
    let compiled: [String: NSRegularExpression]
    init(_ compiled: [String: NSRegularExpression]) { self.compiled = compiled }
}
