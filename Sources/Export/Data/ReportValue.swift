/// A `--format json` report's value, typed: what `ReportJSON` writes. Reports were
/// `[String: Any]` before, and reading each `Any` back took dynamic casts that bridged every
/// dictionary and number through Foundation's Objective-C types (an `as String` tried on a
/// dictionary builds an `NSDictionary`, and its first use looks up conformances): an eighth
/// of the CPU of a one-run `scaletop runs --format json` (perf, issue 16). Literals build it
/// as before: `["points": 3, "name": "a"]` (`.null` is written out: a `nil` there would read
/// like the absent value it is not).
public enum ReportValue: Equatable, Sendable {
    case string(String)
    case bool(Bool)
    case int(Int)
    /// Written only when finite (`ReportJSON` throws otherwise).
    case number(Double)
    case null
    case array([ReportValue])
    case object([String: ReportValue])
}

extension ReportValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: ReportValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, ReportValue)...) {
        self = .object(Dictionary(uniqueKeysWithValues: elements))   // a repeated key traps, as in a Dictionary literal
    }
}
