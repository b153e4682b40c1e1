/// What the vocabulary laws say for one planned run: N_v and V per approach (and the study's
/// own IsoFLOP fit when it has one), and how much a planned vocabulary costs against the
/// optimum by Approach 3.
public struct VocabularyAdvice: Sendable {
    public struct Row: Sendable {
        public var law: String
        public var source: String
        /// nil for a row fitted to the study.
        public var verification: HyperparameterSuggestion.Verification?
        public var vocabularyParameters: Double
        public var vocabularySize: Double
        /// What the row was computed from ("C", "N_nv", "N_nv and C").
        public var basis: String
    }

    public var nonVocabularyParameters: Double
    public var flops: Double
    public var width: Double
    /// The width came from Tao et al.'s Table 5 rather than from the user.
    public var widthFromTable: Bool
    public var rows: [Row]
    /// A vocabulary the user plans to use, and Approach 3's L_u excess at it over the
    /// Approach 3 optimum (same N_nv, same budget): positive nats.
    public var plannedVocabulary: Double?
    public var plannedLossExcess: Double?
    /// How many times N_nv lies beyond the largest model the laws were checked on (nil inside).
    public var extrapolationFactor: Double?
    public var notes: [String]

    /// `nonVocabularyParameters` is the planned model's N (taken as N_nv: the laws count the
    /// output layer separately); `study` adds a row from the study's own IsoFLOP fit.
    public static func advise(nonVocabularyParameters n: Double, flops c: Double, width: Double? = nil,
                              plannedVocabulary: Double? = nil, study: VocabularyIsoFLOPFit? = nil) -> VocabularyAdvice {
        let d = width ?? VocabularyWidth.width(nonVocabularyParameters: n)
        let source = "Tao et al. 2024 (arXiv 2407.13623)"
        let nv1 = VocabularyLaw.approach1VocabularyParameters(flops: c)
        let nv2 = VocabularyLaw.approach2VocabularyParameters(nonVocabularyParameters: n)
        let v3 = VocabularyLaw.approach3Vocabulary(nonVocabularyParameters: n, width: d, flops: c)
        var rows = [
            Row(law: "Tao 2024 App. 1 (IsoFLOP)", source: source + " §4.1: N_v = 0.20·C^0.42",
                verification: .verifiedAgainstPaper, vocabularyParameters: nv1, vocabularySize: nv1 / d, basis: "C"),
            Row(law: "Tao 2024 App. 2 (derivative)", source: source + " §4.2: N_v = 3.15M·(N_nv/33M)^0.835",
                verification: .verifiedAgainstPaper, vocabularyParameters: nv2, vocabularySize: nv2 / d, basis: "N_nv"),
            Row(law: "Tao 2024 App. 3 (parametric)", source: source + " §4.3 Eq. 8: min over V of L_u at fixed N_nv, C",
                verification: .verifiedAgainstPaper, vocabularyParameters: v3 * d, vocabularySize: v3, basis: "N_nv and C"),
        ]
        var notes = ["the planned N is taken as non-vocabulary parameters N_nv; N_v = V·d counts the output layer once (Tao et al. §2.2)"]
        if let study {
            let nv = study.vocabularyParameters(c)
            rows.append(Row(law: "this study (IsoFLOP)", source: "N_v* = \(NumberFormat.general(study.vocabularyParameters.coefficient, significant: 3))·C^\(NumberFormat.general(study.vocabularyParameters.exponent, significant: 3)) over \(study.budgets.count) budgets",
                            verification: nil, vocabularyParameters: nv, vocabularySize: nv / d, basis: "C"))
            notes += study.warnings.map { "vocabulary fit: " + $0 }
        }
        var excess: Double? = nil
        if let planned = plannedVocabulary {
            excess = VocabularyLaw.normalizedLoss(nonVocabularyParameters: n, vocabularySize: planned, width: d, flops: c)
                - VocabularyLaw.normalizedLoss(nonVocabularyParameters: n, vocabularySize: v3, width: d, flops: c)
        }
        let checked = VocabularyLaw.fittedNonVocabularyParameters.lowerBound...VocabularyLaw.checkedNonVocabularyParameters
        let factor = checked.extrapolationFactor(of: n)
        if width == nil { notes.append("width d = \(NumberFormat.general(d)) from Tao et al.'s Table 5 for this N_nv; give the model's width to change it") }
        return VocabularyAdvice(nonVocabularyParameters: n, flops: c, width: d, widthFromTable: width == nil, rows: rows,
                                plannedVocabulary: plannedVocabulary, plannedLossExcess: excess, extrapolationFactor: factor,
                                notes: notes)
    }
}
