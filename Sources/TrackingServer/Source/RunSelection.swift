import Foundation

/// Which of a server's runs a study is: the experiments asked for (by name or id; all
/// active ones when none is named) and the `--where` terms every run must meet.
///
/// A term is `KEY=VALUE` or `KEY!=VALUE`. `params.KEY` and `tags.KEY` name a run param or
/// tag; a bare `KEY` is the param, else the tag of that name (as `--where` names a CSV
/// column). Values compare as numbers when both sides are numbers (`lr=3e-4` matches a
/// param logged as `0.0003`), else as text. A run without the key fails `=` and passes `!=`.
/// Pure: terms in, a yes or no per run out.
public struct RunSelection: Sendable, Equatable {
    public var experiments: [String]
    public var terms: [Term]

    public struct Term: Sendable, Equatable, CustomStringConvertible {
        public enum Scope: String, Sendable { case params, tags, either }
        public var scope: Scope
        public var key: String
        public var value: String
        public var negated: Bool

        public var description: String {
            (scope == .either ? "" : scope.rawValue + ".") + key + (negated ? "!=" : "=") + value
        }
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(experiments: [String] = [], where terms: [String] = []) throws(ParseError) {
        self.experiments = experiments
        var parsed: [Term] = []
        for text in terms { parsed.append(try Self.parse(text)) }
        self.terms = parsed
    }

    static func parse(_ text: String) throws(ParseError) -> Term {
        let negated: Bool
        let range: Range<String.Index>
        if let r = text.range(of: "!=") {
            negated = true
            range = r
        } else if let r = text.range(of: "=") {
            negated = false
            range = r
        } else {
            throw ParseError(description: "--where \(text): expected KEY=VALUE or KEY!=VALUE (KEY a run param or tag, or params.KEY, tags.KEY)")
        }
        var key = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        let value = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        var scope = Term.Scope.either
        for candidate in [Term.Scope.params, .tags] {
            for prefix in [candidate.rawValue + ".", String(candidate.rawValue.dropLast()) + "."] where key.hasPrefix(prefix) {
                scope = candidate
                key = String(key.dropFirst(prefix.count))
                break
            }
            if scope != .either { break }
        }
        guard !key.isEmpty else { throw ParseError(description: "--where \(text): no key before '\(negated ? "!=" : "=")'") }
        return Term(scope: scope, key: key, value: value, negated: negated)
    }

    /// Whether a run with these params and tags is part of the study.
    public func admits(params: [String: String], tags: [String: String]) -> Bool {
        terms.allSatisfy { term in
            let found: String?
            switch term.scope {
            case .params: found = params[term.key]
            case .tags: found = tags[term.key]
            case .either: found = params[term.key] ?? tags[term.key]
            }
            let equal = found.map { Self.same($0, term.value) } ?? false
            return term.negated ? !equal : equal
        }
    }

    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let x = a.trimmingCharacters(in: .whitespaces), y = b.trimmingCharacters(in: .whitespaces)
        if let u = Double(x), let v = Double(y), u.isFinite, v.isFinite { return u == v }
        return x == y
    }

    /// The experiments of `available` this selection names: by id first, then by name.
    /// Throws naming what is missing and what exists.
    public func resolve(_ available: [MLflowExperiment]) throws(ParseError) -> [MLflowExperiment] {
        guard !experiments.isEmpty else { return available }
        var chosen: [MLflowExperiment] = []
        for wanted in experiments {
            guard let match = available.first(where: { $0.id == wanted }) ?? available.first(where: { $0.name == wanted }) else {
                let names = available.prefix(12).map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
                throw ParseError(description: "no experiment named or numbered '\(wanted)' on the server; it has: \(names)"
                                 + (available.count > 12 ? ", …" : ""))
            }
            if !chosen.contains(match) { chosen.append(match) }
        }
        return chosen
    }
}
