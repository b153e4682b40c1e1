#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tao et al.'s Approach 1 (arXiv 2407.13623, §4.1) on a study's own runs: at each budget,
/// models that differ in vocabulary; the best N_v per budget; then N_v* = k·C^α (and
/// N_nv* = k'·C^α' when the study varies N_nv too, giving γ = α/α').
///
/// Losses of different vocabularies are not comparable per token (§2.2), so each run's loss
/// is compared per character: L·f(V) nats per character with f from `TokenizerCompression`,
/// unless the runs already log a per-character or per-byte metric (`perCharacterLoss`).
/// The best N_v per budget is the vertex of a parabola in log N_v (as Chinchilla's Approach 2
/// does in log N), so it need not be one of the vocabularies tried.
public struct VocabularyIsoFLOPFit: Sendable {
    /// One run: its model, vocabulary and budget, and its final loss.
    public struct Observation: Sendable, Equatable {
        public var nonVocabularyParameters: Double
        public var vocabularySize: Double
        public var width: Double
        public var flops: Double
        public var loss: Double
        /// The loss is already per character or byte (no f(V) conversion).
        public var perCharacterLoss: Bool

        public init(nonVocabularyParameters: Double, vocabularySize: Double, width: Double, flops: Double, loss: Double,
                    perCharacterLoss: Bool = false) {
            self.nonVocabularyParameters = nonVocabularyParameters
            self.vocabularySize = vocabularySize
            self.width = width
            self.flops = flops
            self.loss = loss
            self.perCharacterLoss = perCharacterLoss
        }

        var comparableLoss: Double {
            perCharacterLoss ? loss : loss * TokenizerCompression.tokensPerCharacter(vocabularySize: vocabularySize)
        }
    }

    /// N_v* = k·C^α.
    public var vocabularyParameters: PowerLaw
    /// N_nv at each budget against C, when the study varies it (else nil).
    public var nonVocabularyParameters: PowerLaw?
    /// (budget, N_nv, best N_v, width) per budget used.
    public var budgets: [(flops: Double, nonVocabularyParameters: Double, vocabularyParameters: Double, width: Double)]
    public var warnings: [String]

    /// γ = α/α' when both laws were fitted.
    public var proportionalExponent: Double? {
        nonVocabularyParameters.map { vocabularyParameters.exponent / $0.exponent }
    }

    /// The vocabulary the fit predicts at budget C for a model of width d.
    public func vocabularySize(flops c: Double, width d: Double) -> Double { vocabularyParameters(c) / d }

    public static func fit(_ observations: [Observation]) throws(FitError) -> VocabularyIsoFLOPFit {
        for (i, o) in observations.enumerated() {
            for (name, v) in [("non-vocabulary parameters", o.nonVocabularyParameters), ("vocabulary size", o.vocabularySize),
                              ("width", o.width), ("FLOPs", o.flops), ("loss", o.loss)] {
                guard v.isFinite else { throw .nonFiniteInput(quantity: name, index: i) }
                guard v > 0 else { throw .nonPositiveInput(quantity: name, index: i, value: v) }
            }
        }
        try InputValidation.requireCount(observations.count, atLeast: 6, model: "the vocabulary IsoFLOP fit (two budgets of three vocabularies)")
        let points = observations.map {
            IsoFLOPAnalysis.Point(flops: $0.flops, parameters: $0.vocabularySize * $0.width, loss: $0.comparableLoss)
        }
        var budgets: [(flops: Double, nonVocabularyParameters: Double, vocabularyParameters: Double, width: Double)] = []
        var warnings: [String] = []
        for group in IsoFLOPAnalysis.budgets(of: points) {
            let flops = group.map { points[$0].flops }.reduce(0, +) / Double(group.count)
            let label = "budget \(NumberFormat.general(flops)) FLOPs"
            let profile: IsoFLOPProfile
            do {
                profile = try IsoFLOPProfile.fit(flops: flops, parameters: group.map { points[$0].parameters },
                                                 loss: group.map { points[$0].loss })
            } catch {
                if case let .tooFewSizesInBudget(_, have, _) = error {
                    warnings.append("\(label): \(have) distinct vocabular\(have == 1 ? "y" : "ies"); a parabola needs 3 or more; left out")
                } else {
                    warnings.append("\(label): \(error); left out")
                }
                continue
            }
            guard profile.vertexInsideSampledSizes else {
                warnings.append("\(label): best N_v \(NumberFormat.general(profile.optimalParameters)) lies outside the vocabularies tried; left out")
                continue
            }
            let nnv = group.map { observations[$0].nonVocabularyParameters }.reduce(0, +) / Double(group.count)
            let width = group.map { observations[$0].width }.reduce(0, +) / Double(group.count)
            budgets.append((flops, nnv, profile.optimalParameters, width))
        }
        guard budgets.count >= 2 else { throw .tooFewBudgets(have: budgets.count, need: 2) }
        let c = budgets.map(\.flops)
        let nv = try PowerLaw.fit(x: c, y: budgets.map(\.vocabularyParameters), model: "N_v*(C)")
        var nnv: PowerLaw? = nil
        if InputValidation.distinctCount(budgets.map(\.nonVocabularyParameters)) >= 2 {
            nnv = try? PowerLaw.fit(x: c, y: budgets.map(\.nonVocabularyParameters), model: "N_nv(C)")
        }
        if observations.contains(where: { !$0.perCharacterLoss }) {
            warnings.append("losses compared per character as L·f(V) with Tao et al.'s tokenizer fit; log a per-byte or per-character loss for a cleaner comparison")
        }
        if budgets.count < 4 { warnings.append("only \(budgets.count) budgets: the paper fits 6 groups over 4 decades of compute") }
        return VocabularyIsoFLOPFit(vocabularyParameters: nv, nonVocabularyParameters: nnv, budgets: budgets, warnings: warnings)
    }
}
