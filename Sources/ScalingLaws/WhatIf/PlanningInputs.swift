/// The what-if's run-planning questions beyond N and D (issue #18): which vocabulary, which
/// batch (and so which learning rate), and how much QAT, with the study's own fits of the
/// vocabulary, critical-batch and QAT laws when its runs carry the metadata for them.
public struct PlanningInputs: Sendable {
    /// A vocabulary size the user plans (compared with the optimum); asking for it shows the
    /// vocabulary laws.
    public var plannedVocabulary: Double?
    /// The model's width d (else Tao et al.'s Table 5 width for N).
    public var modelWidth: Double?
    /// A global batch in tokens; shows the critical-batch laws and the Power Scheduler's rate.
    public var batchTokens: Double?
    /// Tokens per sequence, to count the batch in sequences (the Power Scheduler's β).
    public var sequenceLength: Double = PowerSchedulerLaw.sequenceLength
    /// A QAT target width in bits; shows the QAT split.
    public var qatBits: Double?
    public var studyVocabulary: VocabularyIsoFLOPFit?
    public var studyCriticalBatch: CriticalBatchFit?
    public var studyQAT: QATFractionFit?

    public init(plannedVocabulary: Double? = nil, modelWidth: Double? = nil, batchTokens: Double? = nil,
                sequenceLength: Double = PowerSchedulerLaw.sequenceLength, qatBits: Double? = nil,
                studyVocabulary: VocabularyIsoFLOPFit? = nil, studyCriticalBatch: CriticalBatchFit? = nil,
                studyQAT: QATFractionFit? = nil) {
        self.plannedVocabulary = plannedVocabulary
        self.modelWidth = modelWidth
        self.batchTokens = batchTokens
        self.sequenceLength = sequenceLength
        self.qatBits = qatBits
        self.studyVocabulary = studyVocabulary
        self.studyCriticalBatch = studyCriticalBatch
        self.studyQAT = studyQAT
    }

    /// Every value positive and finite, bits at most 32.
    public func validated() throws(WhatIfError) -> PlanningInputs {
        if let v = plannedVocabulary { try WhatIfError.requirePositiveFinite(v, "vocabulary size") }
        if let v = modelWidth { try WhatIfError.requirePositiveFinite(v, "model width") }
        if let v = batchTokens { try WhatIfError.requirePositiveFinite(v, "batch (tokens)") }
        try WhatIfError.requirePositiveFinite(sequenceLength, "sequence length")
        if let v = qatBits {
            try WhatIfError.requirePositiveFinite(v, "QAT bit width")
            guard v <= 32 else { throw WhatIfError("a QAT bit width of \(NumberFormat.general(v)) is not a quantisation; give 1–16 bits") }
        }
        if let b = batchTokens, b < sequenceLength {
            throw WhatIfError("a batch of \(NumberFormat.general(b)) tokens is less than one \(NumberFormat.general(sequenceLength))-token sequence")
        }
        return self
    }

    var asksVocabulary: Bool { plannedVocabulary != nil || modelWidth != nil || studyVocabulary != nil }
}

/// The answers to `PlanningInputs` for the run the what-if would train.
public struct PlanningAnswer: Sendable {
    /// The planned run: the fixed size if given, else the first law's compute-optimal split.
    public var parameters: Double
    public var tokens: Double
    public var vocabulary: VocabularyAdvice?
    public var batch: BatchAdvice?
    public var qat: QATAdvice?
}
