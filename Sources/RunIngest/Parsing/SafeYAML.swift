import Foundation
import Yams

/// YAML from a log folder (W&B `config.yaml`, Lightning `hparams.yaml`, MLflow `meta.yaml`)
/// as plain values: `[String: Any]`, `[Any]`, `String`, `Int`, `Double`, `Bool`, `NSNull`.
///
/// Written here rather than calling `Yams.load`, whose value builder traps on a mapping key
/// that is itself a sequence or mapping (`[? []]`, found by fuzzing) and builds integers
/// through code that is not ours to check: the document is parsed by Yams (libyaml) into
/// nodes, and the nodes become values here. A key that is not a scalar is kept as its YAML
/// text; an integer too large for Int is a Double; sexagesimal numbers stay text.
enum SafeYAML {
    /// Why a document is not YAML, and where: libyaml's own words without the snippet Yams
    /// appends (a multi-line snippet has no place in a one-line problem report).
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var problem: String
        /// 1-based line where libyaml stopped, when it says.
        var line: Int?
        var description: String { line.map { "line \($0): \(problem)" } ?? problem }
    }

    /// The document's value, nil for an empty document.
    static func load(_ text: String) throws(Failure) -> Any? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Failure(error)
        } catch {
            throw Failure(problem: "\(error)", line: nil)
        }
        guard let node else { return nil }
        return value(of: node, depth: 0)
    }

    /// Deeper than any config is nested: a deeper document is cut there.
    static let depthLimit = 200

    static func value(of node: Node, depth: Int) -> Any {
        guard depth < depthLimit else { return NSNull() }
        switch node {
        case .scalar(let scalar):
            return value(of: scalar, tag: node.tag.description)
        case .mapping(let mapping):
            var out: [String: Any] = [:]
            for (key, item) in mapping {
                out[keyText(key)] = value(of: item, depth: depth + 1)
            }
            return out
        case .sequence(let sequence):
            return sequence.map { value(of: $0, depth: depth + 1) }
        case .alias:
            return NSNull()
        }
    }

    static func keyText(_ key: Node) -> String {
        if case .scalar(let scalar) = key { return scalar.string }
        return (try? Yams.serialize(node: key).trimmingCharacters(in: .whitespacesAndNewlines)) ?? "?"
    }

    static func value(of scalar: Node.Scalar, tag: String) -> Any {
        let text = scalar.string
        switch tag {
        case Tag.Name.null.rawValue:
            return NSNull()
        case Tag.Name.bool.rawValue:
            return Bool.construct(from: scalar) ?? text
        case Tag.Name.int.rawValue:
            return integer(text) ?? text
        case Tag.Name.float.rawValue:
            return float(text) ?? text
        default:
            return text
        }
    }

    /// YAML 1.1 integers: decimal with `_` separators, `0x`, `0o`/`0`, `0b` prefixes.
    static func integer(_ text: String) -> Any? {
        var digits = text.replacingOccurrences(of: "_", with: "")
        var sign = ""
        if let first = digits.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            digits.removeFirst()
        }
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8)] where digits.hasPrefix(prefix) {
            return Int(sign + digits.dropFirst(prefix.count), radix: radix)
        }
        if digits.count > 1, digits.hasPrefix("0"), digits.allSatisfy(\.isNumber) {
            return Int(sign + digits.dropFirst(), radix: 8)
        }
        if let value = Int(sign + digits) { return value }
        // Too large for an Int: still a number.
        return digits.allSatisfy({ $0.isASCII && $0.isNumber }) && !digits.isEmpty ? Double(sign + digits) : nil
    }

    /// YAML floats: `1.5e-3`, `.inf`, `-.Inf`, `.nan`, `1_000.5`.
    static func float(_ text: String) -> Double? {
        let plain = text.replacingOccurrences(of: "_", with: "")
        switch plain.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: return plain.contains(":") ? nil : Double(plain)
        }
    }
}

extension SafeYAML.Failure {
    init(_ error: YamlError) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            self.init(problem: problem, line: mark.line)
        case .reader(let problem, _, _, _):
            self.init(problem: problem, line: nil)
        default:
            self.init(problem: "\(error)", line: nil)
        }
    }
}
