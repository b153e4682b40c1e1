/// How to split a planned run of N parameters and D tokens between full precision and
/// quantization-aware training at a target bit width, per law.
public struct QATAdvice: Sendable {
    public struct Row: Sendable {
        public var law: String
        public var source: String
        /// nil for a row fitted to the study.
        public var verification: HyperparameterSuggestion.Verification?
        public var optimalFraction: Double
        public var qatTokens: Double
        public var fullPrecisionTokens: Double
    }

    public var bits: Double
    public var parameters: Double
    public var tokens: Double
    public var tokensPerParameterByte: Double
    /// Weights at the target width, in bytes.
    public var weightBytes: Double
    public var rows: [Row]
    /// N outside the 86M–2.2B the law was fitted on, by this factor.
    public var extrapolationFactor: Double?
    public var notes: [String]

    public static func advise(parameters n: Double, tokens d: Double, bits: Double, study: QATFractionFit? = nil) -> QATAdvice {
        func row(_ law: String, _ source: String, _ v: HyperparameterSuggestion.Verification?, _ l: QATAllocationLaw) -> Row {
            let f = l.optimalFraction(tokens: d, parameters: n, bits: bits)
            return Row(law: law, source: source, verification: v, optimalFraction: f, qatTokens: f * d, fullPrecisionTokens: (1 - f) * d)
        }
        var rows = [row("Dremov 2025", "arXiv 2509.22935 via a secondary summary: f* = exp(−6.7297/ln S), S = D/(N·bits/8)",
                        .secondarySources, .dremov2025)]
        var notes = ["the form and a = 6.7297 are from a secondary summary of the paper, not its text; ln assumed"]
        if let study {
            rows.append(row("this study", "a = \(NumberFormat.general(study.law.a, significant: 4)) from \(study.sweeps.count) QAT sweep\(study.sweeps.count == 1 ? "" : "s")", nil, study.law))
            notes += study.warnings.map { "QAT fit: " + $0 }
        }
        let factor = QATAllocationLaw.fittedParameters.extrapolationFactor(of: n)
        return QATAdvice(bits: bits, parameters: n, tokens: d,
                         tokensPerParameterByte: QATAllocationLaw.tokensPerParameterByte(tokens: d, parameters: n, bits: bits),
                         weightBytes: n * bits / 8, rows: rows, extrapolationFactor: factor, notes: notes)
    }
}
