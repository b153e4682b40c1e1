#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loss-optimal fraction of training spent in quantization-aware training, after
/// Dremov, Grangier, Katharopoulos, Hannun 2025, *Compute-Optimal Quantization-Aware
/// Training* (arXiv 2509.22935). The abstract (read) says the fraction grows with compute
/// and is predicted by the tokens-per-parameter-byte statistic; 757 runs, 86.0M–2.2B
/// parameters. The form and constant below come from one secondary summary of the paper,
/// not from its text, so they are marked "secondary source, not verified":
///
///     S = D/(N·bits/8)                      tokens per parameter-byte
///     f* = exp(log S − a/log S)/S = exp(−a/ln S),   a = 6.7297   (MAE 0.091 reported)
///
/// The summary does not say which logarithm; the natural one is assumed. f* → 0 as S → 1
/// and → 1 as S → ∞. The paper's loss law (a Chinchilla form plus QAT penalty terms in
/// N, D_fp, D_qat and bits) has constants that were not available, so it is not implemented.
public struct QATAllocationLaw: Sendable, Equatable {
    public var a: Double

    public init(a: Double) { self.a = a }

    /// The secondary summary's constant.
    public static let dremov2025 = QATAllocationLaw(a: 6.7297)
    /// What the runs spanned (abstract: 86.0M–2.2B parameters; summary: 1–6 bits, 2.3B–1.4T tokens).
    public static let fittedParameters: ClosedRange<Double> = 86e6...2.2e9
    public static let fittedRange = "N 86M–2.2B (abstract); bits 1–6, D 2.3B–1.4T tokens (secondary)"

    public static func tokensPerParameterByte(tokens d: Double, parameters n: Double, bits: Double) -> Double {
        d / (n * bits / 8)
    }

    /// f* for a run of N parameters, D total tokens and a target width in bits; 0 when
    /// S ≤ 1 (the form has no meaning there).
    public func optimalFraction(tokens d: Double, parameters n: Double, bits: Double) -> Double {
        let s = Self.tokensPerParameterByte(tokens: d, parameters: n, bits: bits)
        guard s > 1 else { return 0 }
        return exp(-a / log(s))
    }

    /// Least squares fit of a from observed optimal fractions: ln f* = −a·(1/ln S) is a line
    /// through the origin, so a = −Σ(ln f·u)/Σu² with u = 1/ln S.
    public static func fit(tokensPerParameterByte s: [Double], optimalFraction f: [Double]) -> QATAllocationLaw? {
        let pairs = zip(s, f).filter { $0.0 > 1 && $0.0.isFinite && $0.1 > 0 && $0.1 < 1 }
        guard pairs.count >= 1 else { return nil }
        let u = pairs.map { 1 / log($0.0) }, y = pairs.map { log($0.1) }
        let suu = u.reduce(0) { $0 + $1 * $1 }
        guard suu > 0 else { return nil }
        return QATAllocationLaw(a: -zip(u, y).reduce(0) { $0 + $1.0 * $1.1 } / suu)
    }
}

/// QAT fraction sweeps in a study: runs of one N, one total D and one bit width that differ
/// in the fraction of tokens spent in QAT. The best fraction of each sweep (the vertex of a
/// parabola in the fraction, or the best run when the parabola has no interior minimum)
/// gives one (S, f*) pair; `QATAllocationLaw.fit` fits a through them.
public struct QATFractionFit: Sendable {
    public struct Run: Sendable, Equatable {
        public var parameters: Double
        public var totalTokens: Double
        public var bits: Double
        public var qatFraction: Double
        public var loss: Double

        public init(parameters: Double, totalTokens: Double, bits: Double, qatFraction: Double, loss: Double) {
            self.parameters = parameters
            self.totalTokens = totalTokens
            self.bits = bits
            self.qatFraction = qatFraction
            self.loss = loss
        }
    }

    public var law: QATAllocationLaw
    public var sweeps: [(tokensPerParameterByte: Double, optimalFraction: Double, runCount: Int)]
    public var warnings: [String]

    public static func fit(_ runs: [Run]) throws(FitError) -> QATFractionFit {
        for (i, r) in runs.enumerated() {
            for (name, v) in [("parameters", r.parameters), ("tokens", r.totalTokens), ("bits", r.bits), ("loss", r.loss)] {
                guard v.isFinite else { throw .nonFiniteInput(quantity: name, index: i) }
                guard v > 0 else { throw .nonPositiveInput(quantity: name, index: i, value: v) }
            }
        }
        // Sweeps: equal N and D to 2%, equal bits.
        var sweeps: [[Int]] = []
        for i in runs.indices {
            if let k = sweeps.firstIndex(where: { g in
                let r = runs[g[0]]
                return r.bits == runs[i].bits && abs(r.parameters / runs[i].parameters - 1) < 0.02 && abs(r.totalTokens / runs[i].totalTokens - 1) < 0.02
            }) { sweeps[k].append(i) } else { sweeps.append([i]) }
        }
        var pairs: [(tokensPerParameterByte: Double, optimalFraction: Double, runCount: Int)] = []
        var warnings: [String] = []
        for sweep in sweeps {
            let fractions = sweep.map { runs[$0].qatFraction }
            guard InputValidation.distinctCount(fractions) >= 2 else { continue }
            let best = sweep.min { runs[$0].loss < runs[$1].loss }!
            var fStar = runs[best].qatFraction
            if InputValidation.distinctCount(fractions) >= 3,
               let vertex = parabolaVertex(x: fractions, y: sweep.map { runs[$0].loss }),
               vertex > fractions.min()!, vertex < fractions.max()! {
                fStar = vertex
            }
            let r = runs[sweep[0]]
            let s = QATAllocationLaw.tokensPerParameterByte(tokens: r.totalTokens, parameters: r.parameters, bits: r.bits)
            guard fStar > 0, fStar < 1, s > 1 else {
                warnings.append("sweep N = \(NumberFormat.general(r.parameters, significant: 3)), \(NumberFormat.general(r.bits)) bits: best fraction \(NumberFormat.general(fStar)) is at an end of (0, 1); left out")
                continue
            }
            pairs.append((s, fStar, sweep.count))
        }
        guard !pairs.isEmpty, let law = QATAllocationLaw.fit(tokensPerParameterByte: pairs.map(\.0), optimalFraction: pairs.map(\.1)) else {
            throw .tooFewPoints(model: "the QAT-fraction fit (runs of one N, D and bit width at two or more QAT fractions)", have: 0, need: 1)
        }
        if pairs.count < 3 { warnings.append("only \(pairs.count) QAT sweep\(pairs.count == 1 ? "" : "s"): a fits, but its uncertainty is unknown") }
        return QATFractionFit(law: law, sweeps: pairs, warnings: warnings)
    }

    /// Vertex of the least-squares parabola through (x, y), nil when it opens downward.
    static func parabolaVertex(x: [Double], y: [Double]) -> Double? {
        let design = Matrix(columns: [[Double](repeating: 1, count: x.count), x, x.map { $0 * $0 }])
        guard let s = try? LeastSquares.solve(design: design, response: y), s.coefficients[2] > 0 else { return nil }
        return -s.coefficients[1] / (2 * s.coefficients[2])
    }
}
