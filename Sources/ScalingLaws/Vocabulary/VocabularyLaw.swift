#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The compute-optimal vocabulary of Tao et al. 2024, *Scaling Laws with Vocabulary: Larger
/// Models Deserve Larger Vocabularies* (NeurIPS 2024, arXiv 2407.13623). Parameters split
/// into non-vocabulary N_nv and vocabulary N_v = V·d (the output layer, counted once), and
/// compute is C = 6(N_nv + V·d)·D. Three approaches, each with the paper's constants (the
/// unrounded values are the authors' released code's; the paper prints them rounded):
///
/// - Approach 1 (§4.1, IsoFLOPs, Fig. 5): N_nv = 0.08·C^0.50, N_v = 0.20·C^0.42.
/// - Approach 2 (§4.2, derivative): N_v = N_v⁰·(N_nv/N_nv⁰)^γ, γ = 0.83, from the smallest
///   IsoFLOP group's best point (N_nv⁰ = 33M, V = 6144 at d = 512: N_v⁰ = 3,145,728).
/// - Approach 3 (§4.3, Eq. 8): L_u = −E + A₁/N_nv^α₁ + A₂/N_v^α₂ + B/D^β, α₁ = β, minimised
///   over V at fixed N_nv and C (Appendix A.2).
///
/// All three were fitted on N_nv 33M–1.13B (checked at 2.87B) with V 4K–96K on SlimPajama.
/// Checked against Table 1 (V_opt for N_nv 3B–300B by all three approaches) and Tables 2–3
/// (Approach 3's 24K, 35K, 43K for the 2.87B model) in `VocabularyLawTests`.
public enum VocabularyLaw {
    // MARK: Approach 1

    public static let approach1NonVocabularyCoefficient = exp(-2.4846510161625193)
    public static let approach1NonVocabularyExponent = 0.5
    public static let approach1VocabularyCoefficient = exp(-1.589031299255507)
    public static let approach1VocabularyExponent = 0.4163622634135234

    /// The budget at which N_nv is compute-optimal (Approach 1 inverted): Table 1's last column.
    public static func computeOptimalFlops(nonVocabularyParameters n: Double) -> Double {
        pow(n / approach1NonVocabularyCoefficient, 1 / approach1NonVocabularyExponent)
    }

    public static func computeOptimalNonVocabularyParameters(flops c: Double) -> Double {
        approach1NonVocabularyCoefficient * pow(c, approach1NonVocabularyExponent)
    }

    /// N_v^opt for a budget C (Approach 1).
    public static func approach1VocabularyParameters(flops c: Double) -> Double {
        approach1VocabularyCoefficient * pow(c, approach1VocabularyExponent)
    }

    // MARK: Approach 2

    public static let approach2ReferenceNonVocabularyParameters = 33e6
    public static let approach2ReferenceVocabularyParameters = 3_145_728.0
    /// γ from the Huber fit of the derivative solutions (authors' code; the paper: 0.83).
    public static let approach2Exponent = 0.8353974035228025
    /// The seven N_nv of the paper's model families (Table 4), where the derivative is solved
    /// to fit γ.
    public static let approach2FamilySizes: [Double] = [33e6, 85e6, 151e6, 302e6, 631e6, 1130e6, 2870e6]

    public static func approach2VocabularyParameters(nonVocabularyParameters n: Double,
                                                     exponent: Double = approach2Exponent) -> Double {
        approach2ReferenceVocabularyParameters * pow(n / approach2ReferenceNonVocabularyParameters, exponent)
    }

    /// ∂C/∂V of C = 6(N_nv + V·d)·H·f(V) divided by 6H (Eq. 7): its zero is the vocabulary that
    /// reaches a given loss with the least compute, whatever H is.
    public static func flopsDerivative(vocabularySize v: Double, nonVocabularyParameters n: Double, width d: Double) -> Double {
        (n + v * d) * TokenizerCompression.derivative(vocabularySize: v) + TokenizerCompression.tokensPerCharacter(vocabularySize: v) * d
    }

    /// The zero of Eq. 7 by bisection on V ∈ [64, 200K] (the derivative increases with V).
    /// Nil when it has no sign change there.
    public static func derivativeOptimalVocabulary(nonVocabularyParameters n: Double, width d: Double) -> Double? {
        var lo = 64.0, hi = TokenizerCompression.vocabularyCap * 0.999_999
        let fLo = flopsDerivative(vocabularySize: lo, nonVocabularyParameters: n, width: d)
        let fHi = flopsDerivative(vocabularySize: hi, nonVocabularyParameters: n, width: d)
        guard fLo < 0, fHi > 0 else { return nil }
        for _ in 0..<200 where hi / lo > 1 + 1e-13 {
            let mid = (lo * hi).squareRoot()
            if flopsDerivative(vocabularySize: mid, nonVocabularyParameters: n, width: d) < 0 { lo = mid } else { hi = mid }
        }
        return (lo * hi).squareRoot()
    }

    /// γ of N_v ∝ N_nv^γ through (N_nv, N_v) pairs relative to the first, minimising the Huber
    /// loss (δ = 10⁻³) of γ·log(N_nv/N_nv⁰) − log(N_v/N_v⁰) (Appendix A.7.4, Eq. 12). The
    /// objective is convex in γ, so bisection on its derivative finds the minimum.
    public static func proportionalExponent(nonVocabularyParameters n: [Double], vocabularyParameters v: [Double],
                                            huberDelta delta: Double = 1e-3) -> Double? {
        guard n.count == v.count, n.count >= 2, n.allSatisfy({ $0 > 0 && $0.isFinite }), v.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let x = n.dropFirst().map { log($0 / n[0]) }, y = v.dropFirst().map { log($0 / v[0]) }
        guard x.contains(where: { $0 != 0 }) else { return nil }
        func slope(_ g: Double) -> Double {
            zip(x, y).reduce(0) { s, p in
                let r = g * p.0 - p.1
                return s + (abs(r) <= delta ? r : delta * (r > 0 ? 1 : -1)) * p.0
            }
        }
        var lo = -10.0, hi = 10.0
        for _ in 0..<200 { let mid = (lo + hi) / 2; if slope(mid) < 0 { lo = mid } else { hi = mid } }
        return (lo + hi) / 2
    }

    // MARK: Approach 3

    /// Eq. 8's constants in the units the authors fitted in: N_nv and N_v in millions, D in
    /// billions of tokens (their code's normalisation), L_u in nats.
    public static let approach3 = (A1: 1.8313851559554126, A2: 0.19584238398665638, B: 2.1241123120064955,
                                   E: 5.5327846803337435, alpha1: 0.44660634152009615, alpha2: 0.6707374679896795,
                                   beta: 0.44660634152009615)

    /// Unigram-normalised loss L_u (Eq. 8): negative, comparable across vocabularies.
    public static func normalizedLoss(nonVocabularyParameters n: Double, vocabularyParameters v: Double, tokens d: Double) -> Double {
        let p = approach3
        return -p.E + p.A1 / pow(n / 1e6, p.alpha1) + p.A2 / pow(v / 1e6, p.alpha2) + p.B / pow(d / 1e9, p.beta)
    }

    /// L_u for vocabulary V at budget C: the tokens are what C leaves, D = C/(6(N_nv + V·d)) (Eq. 10).
    public static func normalizedLoss(nonVocabularyParameters n: Double, vocabularySize v: Double, width d: Double, flops c: Double) -> Double {
        normalizedLoss(nonVocabularyParameters: n, vocabularyParameters: v * d, tokens: c / (6 * (n + v * d)))
    }

    /// The V minimising L_u at fixed N_nv, width and budget (∂L_u/∂V = 0, Appendix A.2).
    public static func approach3Vocabulary(nonVocabularyParameters n: Double, width d: Double, flops c: Double) -> Double {
        LogSpaceMinimizer.minimize({ normalizedLoss(nonVocabularyParameters: n, vocabularySize: $0, width: d, flops: c) },
                                   over: 256...5e6).x
    }

    // MARK: Range

    /// N_nv of the fitted models (Approaches 1 and 3) and the largest checked (Tables 2–3).
    public static let fittedNonVocabularyParameters: ClosedRange<Double> = 33e6...1.13e9
    public static let checkedNonVocabularyParameters = 2.87e9
    public static let fittedRange = "N_nv 33M–1.13B (checked at 2.87B), V 4K–96K, SlimPajama, ≤ 500B characters"
}
