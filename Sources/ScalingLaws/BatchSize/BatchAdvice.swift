/// What the batch-size laws say about a planned run of N parameters, D tokens at a batch of
/// B tokens: per law, the critical batch at the loss the run reaches, the steps the run takes
/// against the fewest possible, the tokens against the fewest possible; and Kaplan's loss
/// at the end of the run at this batch against an unlimited batch.
public struct BatchAdvice: Sendable {
    public struct Row: Sendable {
        public var law: String
        public var source: String
        /// nil for a row fitted to the study.
        public var verification: HyperparameterSuggestion.Verification?
        /// The loss B_crit was read at, and where that loss came from.
        public var loss: Double
        public var lossSource: String
        public var criticalBatch: Double
        /// S = D/B, and the fewest steps S_min that reach the same loss (Eq. 5.4).
        public var steps: Double
        public var minimumSteps: Double
        /// E_min: the fewest tokens that reach the same loss.
        public var minimumTokens: Double
        /// The loss lies outside the losses the law was measured at.
        public var extrapolating: Bool
    }

    public var batchTokens: Double
    public var parameters: Double
    public var tokens: Double
    public var rows: [Row]
    /// Kaplan's L(N, S, B) at the end of the run, and with the same steps at B ≫ B_crit.
    public var kaplanFinalLoss: Double
    public var kaplanUnlimitedBatchLoss: Double
    /// Kaplan Table 6's compute-efficient batch at C_min = the budget (a lower bound of C_min).
    public var kaplanComputeEfficientBatch: Double
    public var notes: [String]

    /// `studyLoss` is the loss the study's own laws predict for the run (for the study's B_crit).
    public static func advise(parameters n: Double, tokens d: Double, flops c: Double, batchTokens b: Double,
                              study: CriticalBatchFit? = nil, studyLoss: Double? = nil) -> BatchAdvice {
        let kaplan = StepsLossLaw.kaplan2020
        let steps = d / b
        let final = kaplan.loss(parameters: n, steps: steps, batch: b)
        func row(_ law: String, _ source: String, _ verification: HyperparameterSuggestion.Verification?, _ critical: CriticalBatchLaw,
                 _ loss: Double, _ lossSource: String, _ measured: ClosedRange<Double>) -> Row {
            let bc = critical.criticalBatch(loss: loss)
            return Row(law: law, source: source, verification: verification, loss: loss, lossSource: lossSource, criticalBatch: bc,
                       steps: steps, minimumSteps: critical.minimumSteps(steps: steps, batch: b, loss: loss),
                       minimumTokens: critical.minimumTokens(tokens: d, batch: b, loss: loss),
                       extrapolating: !measured.contains(loss))
        }
        var rows = [row("Kaplan 2020", "arXiv 2001.08361 §5.1 Eq. 5.3, Table 5: B_crit = 2.1e8·L^(−1/0.21) tokens", .verifiedAgainstPaper,
                        .kaplan2020, final, "Kaplan's L(N, S, B) at the end of the run (WebText2 nats)", CriticalBatchLaw.kaplanMeasuredLoss)]
        var notes = ["Kaplan's constants are for WebText2 losses with GPT-2's tokenizer and non-embedding N; the study's own B_crit fit is the one to trust for its data"]
        if let study {
            if let l = studyLoss {
                rows.append(row("this study", "B_crit = \(NumberFormat.general(study.law.scale, significant: 3))·L^(−1/\(NumberFormat.general(study.law.exponent, significant: 3))) from \(study.measurements.count) loss levels",
                                nil, study.law, l, "the study's predicted final loss", study.lossRange))
            } else {
                notes.append("the study's B_crit fit needs a predicted loss for the run (fit Approach 3 or the frontier)")
            }
            notes += study.warnings.map { "critical-batch fit: " + $0 }
        }
        let petaflopDays = c / 8.64e19
        return BatchAdvice(batchTokens: b, parameters: n, tokens: d, rows: rows, kaplanFinalLoss: final,
                           kaplanUnlimitedBatchLoss: kaplan.loss(parameters: n, minimumSteps: steps),
                           kaplanComputeEfficientBatch: CriticalBatchLaw.kaplan2020.computeEfficientBatch(petaflopDays: petaflopDays),
                           notes: notes)
    }
}
