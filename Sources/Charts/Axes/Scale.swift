import Glibc

/// Linear or base-10 logarithmic mapping of a data domain onto 0...1.
public struct Scale: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case linear
        case log10
    }

    public var kind: Kind
    public var lower: Double
    public var upper: Double

    public init(kind: Kind, lower: Double, upper: Double) {
        self.kind = kind
        self.lower = lower
        self.upper = upper
    }

    /// The value in the scale's own coordinates (log10 of it on a log scale); nil when a log
    /// scale meets a value ≤ 0 or anything meets a non-finite value.
    public func transformed(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch kind {
        case .linear: return value
        case .log10: return value > 0 ? Glibc.log10(value) : nil
        }
    }

    /// Position of `value` in the domain, 0 at `lower` and 1 at `upper` (may fall outside).
    public func fraction(_ value: Double) -> Double? {
        guard let v = transformed(value), let lo = transformed(lower), let hi = transformed(upper), hi > lo else {
            return nil
        }
        return (v - lo) / (hi - lo)
    }
}
