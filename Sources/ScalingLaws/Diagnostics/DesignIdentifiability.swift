#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a study's design can tell the effect of model size N from that of data D, checked
/// before any allocation is reported (methods.md §9.6: detect it, then report what is
/// identifiable). A law fitted to a design that cannot separate them still fits the points,
/// often tightly, and its bootstrap agrees with itself; the split of a budget it implies is
/// then an artefact (issue #13: with D = 20·N for every run, Approach 3 put N_opt 7× off the
/// generating law's with a tight interval). Such an allocation is refused or marked
/// unidentified, never printed with a confident interval.
public struct DesignIdentifiability: Sendable, Equatable {
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// Fewer than 3 distinct model sizes: a law in N through 2 sizes fits exactly.
        case tooFewSizes(have: Int)
        /// Fewer than 3 distinct token counts.
        case tooFewTokenCounts(have: Int)
        /// Tokens follow size, D ∝ N^s, within a factor `spread` < 2 at every size (the median
        /// D/N given for the message).
        case collinear(tokensPerParameter: Double, exponent: Double, spread: Double)
        /// The losses span less than 1% of their median: nothing to fit a trend to.
        case flatLoss(relativeRange: Double)
        /// Approach 2: fewer than 3 budgets with a vertex inside their sizes.
        case tooFewBudgets(have: Int)
        /// The fit's Jacobian is rank-deficient at its optimum.
        case rankDeficient

        public var description: String {
            switch self {
            case .tooFewSizes(let n):
                return "only \(n) model size\(n == 1 ? "" : "s"): a law in N through fewer than 3 sizes fits exactly; train 3 or more"
            case .tooFewTokenCounts(let n):
                return "only \(n) distinct token count\(n == 1 ? "" : "s"): the data term cannot be told from the floor; train 3 or more lengths"
            case let .collinear(ratio, s, spread):
                let relation = abs(s - 1) < 0.05 ? "D ≈ \(NumberFormat.general(ratio, significant: 3))·N"
                    : "D ∝ N^\(NumberFormat.general(s, significant: 3))"
                return "tokens move with size (\(relation), \(Self.spreadText(spread)) at every size): N and D are collinear and cannot be separated; vary D at fixed N (an IsoFLOP or ladder design)"
            case .flatLoss(let r):
                return "the losses span only \(NumberFormat.general(100 * r, significant: 2))% of their median: nothing for a law to fit"
            case .tooFewBudgets(let n):
                return "only \(n) budget\(n == 1 ? "" : "s") with a vertex inside its sizes: a line through fewer than 3 vertices has no check; sample 3 or more budgets"
            case .rankDeficient:
                return "the fit's Jacobian is rank-deficient: some parameters are not determined by these points"
            }
        }

        /// How closely D follows the relation, in words whose precision shows: a factor near
        /// 1 as a percentage ("within 3.2%"), exact as "exactly", else a factor ("within ×1.6").
        static func spreadText(_ spread: Double) -> String {
            let percent = 100 * (spread - 1)
            if percent < 0.01 { return "exactly" }
            if spread < 1.1 { return "within \(NumberFormat.general(percent, significant: 2))%" }
            return "within ×\(NumberFormat.general(spread, significant: 2))"
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var isIdentified: Bool { problems.isEmpty }

    /// "unidentified: …; …", or nil when identified.
    public var summary: String? {
        isIdentified ? nil : "unidentified: " + problems.map(\.description).joined(separator: "; ")
    }

    /// D/N spread below which sizes and tokens are collinear.
    public static let collinearSpread = 2.0
    /// Relative range of the losses below which they are flat.
    public static let flatRange = 0.01

    /// The design of final points a law in N and D (Approach 3, Kaplan) is fitted to.
    public static func check(_ points: [LossObservation]) -> DesignIdentifiability {
        var problems: [Problem] = []
        let sizes = InputValidation.distinctCount(points.map(\.parameters), relativeTolerance: 1e-6)
        let lengths = InputValidation.distinctCount(points.map(\.tokens), relativeTolerance: 1e-6)
        if sizes < 3 { problems.append(.tooFewSizes(have: sizes)) }
        if lengths < 3 { problems.append(.tooFewTokenCounts(have: lengths)) }
        if sizes >= 2, let c = collinearity(points) { problems.append(c) }
        if let f = flatness(points.map(\.loss)) { problems.append(f) }
        return DesignIdentifiability(problems: problems)
    }

    /// Approach 2: at least 3 budgets with interior vertices, and losses that vary.
    public static func checkIsoFLOP(usedBudgets: Int, losses: [Double]) -> DesignIdentifiability {
        var problems: [Problem] = []
        if usedBudgets < 3 { problems.append(.tooFewBudgets(have: usedBudgets)) }
        if let f = flatness(losses) { problems.append(f) }
        return DesignIdentifiability(problems: problems)
    }

    /// Approach 1: at least 3 sizes on the envelope (the sizes of its samples), and losses
    /// that vary.
    public static func checkEnvelope(sizes: [Double], losses: [Double]) -> DesignIdentifiability {
        var problems: [Problem] = []
        let distinct = InputValidation.distinctCount(sizes, relativeTolerance: 1e-6)
        if distinct < 3 { problems.append(.tooFewSizes(have: distinct)) }
        if let f = flatness(losses) { problems.append(f) }
        return DesignIdentifiability(problems: problems)
    }

    /// The loss–compute frontier: a loss, no split of the budget, so only losses that vary.
    public static func checkFrontier(losses: [Double]) -> DesignIdentifiability {
        DesignIdentifiability(problems: flatness(losses).map { [$0] } ?? [])
    }

    /// This design plus the fit's own verdict: a rank-deficient Jacobian (infinite condition
    /// number, or JᵀJ singular) cannot identify the allocation either.
    public func adding(_ diagnostics: FitDiagnostics) -> DesignIdentifiability {
        guard !diagnostics.conditionNumber.isFinite || diagnostics.correlations == nil else { return self }
        return DesignIdentifiability(problems: problems + [.rankDeficient])
    }

    /// log D against log N by least squares: collinear when what is left varies by less
    /// than `collinearSpread` (as a ratio) over the design.
    static func collinearity(_ points: [LossObservation]) -> Problem? {
        let lx = points.map { log($0.parameters) }, ly = points.map { log($0.tokens) }
        let n = Double(points.count)
        let mx = lx.reduce(0, +) / n, my = ly.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for i in lx.indices { sxx += (lx[i] - mx) * (lx[i] - mx); sxy += (lx[i] - mx) * (ly[i] - my) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        let residuals = lx.indices.map { ly[$0] - my - slope * (lx[$0] - mx) }
        let spread = exp((residuals.max() ?? 0) - (residuals.min() ?? 0))
        guard spread < collinearSpread else { return nil }
        let ratios = points.map { $0.tokens / $0.parameters }.sorted()
        return .collinear(tokensPerParameter: ratios[ratios.count / 2], exponent: slope, spread: spread)
    }

    static func flatness(_ losses: [Double]) -> Problem? {
        let sorted = losses.filter(\.isFinite).sorted()
        guard let lo = sorted.first, let hi = sorted.last, sorted.count >= 2 else { return nil }
        let median = sorted[sorted.count / 2]
        guard median > 0 else { return nil }
        let range = (hi - lo) / median
        return range < flatRange ? .flatLoss(relativeRange: range) : nil
    }
}
