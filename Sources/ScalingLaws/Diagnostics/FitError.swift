/// Why a fit could not be made or could not be trusted. Each message says what was wrong,
/// where, and what to do; a fit throws one of these instead of returning NaN.
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A NaN or infinite value in the input.
    case nonFiniteInput(quantity: String, index: Int)
    /// A value that must be positive (sizes, tokens, FLOPs, loss) is not.
    case nonPositiveInput(quantity: String, index: Int, value: Double)
    /// Fewer points than the model has parameters (or than the method needs).
    case tooFewPoints(model: String, have: Int, need: Int)
    /// Every point has the same model size, so no size dependence can be fitted.
    case singleModelSize(model: String, parameters: Double)
    /// Every point saw the same number of tokens, so the data term cannot be fitted.
    case singleTokenCount(model: String, tokens: Double)
    /// An IsoFLOP budget has too few distinct sizes for a parabola.
    case tooFewSizesInBudget(flops: Double, have: Int, need: Int)
    /// The IsoFLOP parabola opens downwards (c₂ ≤ 0): no minimum in this budget.
    case concaveProfile(flops: Double)
    /// Too few usable budgets (or compute values) left to fit a power law through them.
    case tooFewBudgets(have: Int, need: Int)
    /// No start of the optimiser reached a finite answer with positive exponents.
    case noConvergence(model: String, starts: Int)
    case linearAlgebra(LinearAlgebraError)

    public var description: String {
        switch self {
        case let .nonFiniteInput(quantity, index):
            return "\(quantity) of point \(index + 1) is NaN or infinite; remove or fix that row"
        case let .nonPositiveInput(quantity, index, value):
            return "\(quantity) of point \(index + 1) is \(NumberFormat.general(value)); it must be positive (logarithms are taken)"
        case let .tooFewPoints(model, have, need):
            return "\(model) has \(need) unknowns to determine but only \(have) point\(have == 1 ? "" : "s"); add runs or use a simpler method"
        case let .singleModelSize(model, parameters):
            return "every point has the same model size (\(NumberFormat.general(parameters)) parameters), so \(model) cannot separate the size term; add runs of other sizes"
        case let .singleTokenCount(model, tokens):
            return "every point saw the same number of tokens (\(NumberFormat.general(tokens))), so \(model) cannot separate the data term; add runs of other lengths"
        case let .tooFewSizesInBudget(flops, have, need):
            return "budget \(NumberFormat.general(flops)) FLOPs has \(have) distinct model size\(have == 1 ? "" : "s"); a parabola needs at least \(need) (5 or more in practice)"
        case let .concaveProfile(flops):
            return "the IsoFLOP profile at \(NumberFormat.general(flops)) FLOPs curves downwards (no interior minimum); sample sizes on both sides of the optimum"
        case let .tooFewBudgets(have, need):
            return "only \(have) usable compute budget\(have == 1 ? "" : "s"); the allocation power law needs at least \(need) spanning a range of compute"
        case let .noConvergence(model, starts):
            return "\(model): none of \(starts) optimiser starts reached a finite fit with positive exponents; the data may not constrain this law"
        case let .linearAlgebra(error):
            return "linear algebra failed: \(error)"
        }
    }
}
