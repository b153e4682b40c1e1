/// A smooth function of a parameter vector with an exact gradient.
///
/// Generic code over this protocol is specialised by the compiler, so the objective's loop
/// runs without dynamic dispatch inside the optimiser.
public protocol DifferentiableObjective {
    /// Number of parameters.
    var dimension: Int { get }
    /// The value at `x`; writes ∇f(x) into `gradient` (already sized `dimension`).
    func value(at x: [Double], gradient: inout [Double]) -> Double
}

/// An objective made from a closure, for tests and one-off problems.
public struct ClosureObjective: DifferentiableObjective {
    public let dimension: Int
    private let body: ([Double], inout [Double]) -> Double

    public init(dimension: Int, _ body: @escaping ([Double], inout [Double]) -> Double) {
        self.dimension = dimension
        self.body = body
    }

    public func value(at x: [Double], gradient: inout [Double]) -> Double {
        body(x, &gradient)
    }
}
