/// How far apart the laws' answers for one budget are, so a panel can show disagreement
/// rather than pick a winner: the ratio of the largest to the smallest N_opt (and D_opt),
/// and the spread of predicted losses.
public struct AllocationDisagreement: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        /// N_opt within a factor 1.25.
        case agree
        /// Within a factor 2: the usual spread between Chinchilla's approaches.
        case differ
        /// More than a factor 2 apart.
        case disagree
    }

    /// Laws compared (those with an N_opt).
    public var laws: [String]
    /// max N_opt / min N_opt ≥ 1.
    public var parametersRatio: Double
    public var largestParameters: String
    public var smallestParameters: String
    /// max D_opt / min D_opt.
    public var tokensRatio: Double
    /// max − min predicted loss over the laws that predict one; nil with fewer than two.
    public var lossSpread: Double?

    public var verdict: Verdict {
        parametersRatio <= 1.25 ? .agree : parametersRatio <= 2 ? .differ : .disagree
    }

    /// Nil when fewer than two estimates give an N_opt.
    public static func across(_ estimates: [AllocationEstimate]) -> AllocationDisagreement? {
        let withN = estimates.filter { $0.parameters != nil && $0.tokens != nil }
        guard withN.count >= 2 else { return nil }
        let byN = withN.sorted { $0.parameters!.value < $1.parameters!.value }
        let d = withN.map { $0.tokens!.value }
        let losses = estimates.compactMap { $0.loss?.value }
        return AllocationDisagreement(
            laws: withN.map(\.law),
            parametersRatio: byN.last!.parameters!.value / byN.first!.parameters!.value,
            largestParameters: byN.last!.law, smallestParameters: byN.first!.law,
            tokensRatio: d.max()! / d.min()!,
            lossSpread: losses.count >= 2 ? losses.max()! - losses.min()! : nil)
    }
}
