import Foundation

/// A compiled regular expression shared between parsers (`NSRegularExpression` is immutable
/// after creation, and Sendable).
final class SharedRegex: Sendable {
    let expression: NSRegularExpression

    init(_ pattern: String, options: NSRegularExpression.Options = []) throws {
        expression = try NSRegularExpression(pattern: pattern, options: options)
    }

    /// For the built-in patterns, which are literals checked by the tests.
    init(literal pattern: String) {
        do { expression = try NSRegularExpression(pattern: pattern) }
        catch { preconditionFailure("built-in pattern \(pattern) does not compile: \(error)") }
    }

    func firstMatch(in line: String) -> NSTextCheckingResult? {
        expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line))
    }
}

extension NSTextCheckingResult {
    func text(_ group: Int, in line: String) -> String? {
        guard group < numberOfRanges, let r = Range(range(at: group), in: line) else { return nil }
        return String(line[r])
    }

    func text(named name: String, in line: String) -> String? {
        guard let r = Range(range(withName: name), in: line) else { return nil }
        return String(line[r])
    }
}

/// A user's regular expression for loss lines, with named groups `step` and `loss`
/// (required) and `tokens`, `lr` (optional), e.g. `step (?<step>\d+) .* loss=(?<loss>\S+)`.
public struct StdoutLossPattern: Sendable {
    public let pattern: String
    let regex: SharedRegex
    let hasTokens: Bool
    let hasLearningRate: Bool

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(_ pattern: String) throws(Failure) {
        guard !pattern.contains("(?P<") else {
            throw Failure(description: "the loss pattern \(pattern) uses Python's (?P<name>…); write (?<name>…)")
        }
        let compiled: SharedRegex
        do {
            compiled = try SharedRegex(pattern)
        } catch {
            let reason = (error as NSError).userInfo[NSLocalizedDescriptionKey] as? String
            throw Failure(description: "the loss pattern \(pattern) is not a valid regular expression\(reason.map { " (\($0))" } ?? "")")
        }
        func has(_ name: String) -> Bool { pattern.contains("(?<\(name)>") }
        for required in ["step", "loss"] where !has(required) {
            throw Failure(description: "the loss pattern \(pattern) has no named group (?<\(required)>…); it needs (?<step>…) and (?<loss>…), and may have (?<tokens>…) and (?<lr>…)")
        }
        self.pattern = pattern
        regex = compiled
        hasTokens = has("tokens")
        hasLearningRate = has("lr")
    }
}
