/// A point's optional values (tokens, compute, learning rate, wall time) that are not finite
/// (NaN, infinite, or a number too large for a double, which reads as infinite) are left out
/// of the point, which is kept (its step and loss are good), and named in a problem for the
/// line. Why not drop them silently: bad input is counted and shown with its file and line,
/// and a tokens column that overflows would otherwise leave the run off the tokens axis
/// with nothing said.
struct NonFiniteValues {
    private(set) var names: [String] = []

    /// `value` when it is finite; nil, with `name` remembered, when it is not. The name is
    /// worked out only then: parsers call this for every value of every line.
    mutating func finite(_ value: Double?, _ name: @autoclosure () -> String) -> Double? {
        guard let value else { return nil }
        guard value.isFinite else {
            names.append("\(name()) is \(value.isNaN ? "NaN" : "infinite")")
            return nil
        }
        return value
    }

    /// The problem of one companion value (a TensorBoard scalar, an MLflow row) left out of
    /// the point at its step: not "the point is kept", since the loss at that step may be
    /// missing or bad itself. `what`: "NaN" or "infinite".
    static func leftOut(_ name: String, is what: String, atStep step: some BinaryInteger) -> String {
        "\(name) is \(what) at step \(step) (left out)"
    }

    /// The line's problem, nil when every value was finite.
    func problem(atStep step: Int) -> String? {
        names.isEmpty ? nil : names.joined(separator: ", ") + " at step \(step) (left out; the point is kept)"
    }
}
