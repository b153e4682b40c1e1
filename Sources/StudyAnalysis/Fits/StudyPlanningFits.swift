import RunIngest
import ScalingLaws

/// The study's own vocabulary, critical-batch and QAT laws (issue #18), fitted when its runs
/// carry the metadata for them (`PlanningMetadata`: vocabulary size and width; tokens per
/// step; QAT bits and fraction). Shared by `scaletop whatif --from` and the dashboard. A
/// study without such metadata gets none and no note; one whose fit fails gets a note why.
public struct StudyPlanningFits: Sendable {
    /// One final point: a run's (or a table row's) size, tokens, compute and loss.
    public struct Final: Sendable {
        public var name: String
        public var parameters: Double
        public var tokens: Double
        public var flops: Double
        public var loss: Double
        public var metadata: PlanningMetadata

        public init(name: String, parameters: Double, tokens: Double, flops: Double, loss: Double, metadata: PlanningMetadata) {
            self.name = name
            self.parameters = parameters
            self.tokens = tokens
            self.flops = flops
            self.loss = loss
            self.metadata = metadata
        }
    }

    public var vocabulary: VocabularyIsoFLOPFit?
    public var criticalBatch: CriticalBatchFit?
    public var qat: QATFractionFit?
    public var notes: [String] = []

    public init() {}

    public var isEmpty: Bool { vocabulary == nil && criticalBatch == nil && qat == nil }

    /// `curves` are runs with a batch and a loss curve against tokens (the critical-batch fit's input).
    public static func fit(finals: [Final], curves: [CriticalBatchFit.Run]) -> StudyPlanningFits {
        var result = StudyPlanningFits()
        var vocab: [VocabularyIsoFLOPFit.Observation] = []
        for f in finals {
            guard let v = f.metadata.vocabularySize, let d = f.metadata.width else { continue }
            let nnv = f.metadata.nonVocabularyParameters ?? (f.parameters - v * d)
            guard nnv > 0 else {
                result.notes.append("\(f.name): N − V·d is not positive; give non_vocabulary_parameters")
                continue
            }
            vocab.append(.init(nonVocabularyParameters: nnv, vocabularySize: v, width: d, flops: f.flops, loss: f.loss,
                               perCharacterLoss: f.metadata.perCharacterLoss))
        }
        if Set(vocab.map(\.vocabularySize)).count >= 2 {
            do { result.vocabulary = try VocabularyIsoFLOPFit.fit(vocab) } catch {
                result.notes.append("vocabulary IsoFLOP fit (Tao et al. 2024 Approach 1): \(error)")
            }
        }
        let usable = curves.filter { fitsCriticalBatch(parameters: $0.parameters, points: $0.tokens.count) }
        if Set(usable.map(\.batchTokens)).count >= 2 {
            do { result.criticalBatch = try CriticalBatchFit.fit(usable) } catch {
                result.notes.append("critical-batch fit (Kaplan et al. 2020 §5.1): \(error)")
            }
        }
        let qat = finals.compactMap { f -> QATFractionFit.Run? in
            guard let bits = f.metadata.qatBits, let fraction = f.metadata.qatFraction else { return nil }
            return .init(parameters: f.parameters, totalTokens: f.tokens, bits: bits, qatFraction: fraction, loss: f.loss)
        }
        if !qat.isEmpty {
            do { result.qat = try QATFractionFit.fit(qat) } catch {
                result.notes.append("QAT-fraction fit: \(error)")
            }
        }
        return result
    }

    /// Whether a run's curve enters the critical-batch fit.
    static func fitsCriticalBatch(parameters: Double, points: Int) -> Bool {
        parameters.isFinite && parameters > 0 && points >= 3
    }

    /// The dashboard's: complete runs' final points, and every run's curve with its batch
    /// (tokens from compute at the run's own FLOPs per token).
    public static func fit(summaries: [RunSummary]) -> StudyPlanningFits {
        var finals: [Final] = []
        var curves: [CriticalBatchFit.Run] = []
        // The critical-batch fit needs two batch sizes; without them its curves (a copy of
        // every run's curve at each refit) are not built (issue 16's profile).
        var batches = Set<Double>()
        for r in summaries where batches.count < 2 {
            guard let n = r.parameters, fitsCriticalBatch(parameters: n, points: r.flopsCurve.count), let c = r.flops,
                  let d = r.tokens, c > 0, d > 0, let b = r.tokensPerStep else { continue }
            batches.insert(b)
        }
        // The runs whose curves that fit would read, and of those the ones it can use (a
        // size trained at two batches or more): only theirs are copied.
        var candidates: [Int] = []
        for (place, r) in summaries.enumerated() {
            guard let n = r.parameters, let c = r.flops, let d = r.tokens, c > 0, d > 0 else { continue }
            let metadata = r.planning
            if StudyFits.isComplete(r), let l = r.finalLoss {
                finals.append(Final(name: r.name, parameters: n, tokens: d, flops: c, loss: l, metadata: metadata))
            }
            if batches.count >= 2, r.tokensPerStep != nil, !r.flopsCurve.isEmpty { candidates.append(place) }
        }
        let usable = CriticalBatchFit.usable(parameters: candidates.map { summaries[$0].parameters! },
                                             batchTokens: candidates.map { summaries[$0].tokensPerStep! })
        for (k, place) in candidates.enumerated() where usable[k] {
            let r = summaries[place]
            let (n, b, perFlop) = (r.parameters!, r.tokensPerStep!, r.tokens! / r.flops!)
            curves.append(.init(parameters: n, batchTokens: b, tokens: r.flopsCurve.map { $0.flops * perFlop },
                                loss: r.flopsCurve.map(\.loss)))
        }
        return fit(finals: finals, curves: curves)
    }
}
