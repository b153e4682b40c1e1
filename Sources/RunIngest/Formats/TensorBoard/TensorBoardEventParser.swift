/// Turns the bytes of one TensorBoard event file into the run's loss curve, its problems and
/// the metadata of the hparams plugin. Pure: the tailer feeds whatever is new since the last
/// complete record and gets back points; a record still being written is left unconsumed.
///
/// Choosing series: a file logs many tags. The loss is the first tag of `tags.loss` that the
/// file logs, judged over everything read so far (including the bytes of this call): a file
/// read whole gets the most preferred tag it has; a file followed live switches to a more
/// preferred tag when that tag first appears, and keeps it. Tokens, FLOPs and learning rate
/// are chosen the same way from their lists.
///
/// Joining tags: writers log each tag as its own event, in any order within a step (HF logs
/// `train/loss` before `train/learning_rate`). A loss point takes the tokens, FLOPs and
/// learning rate already logged at its step; a value logged at that step after the point
/// was handed out updates it — in place within one call, and otherwise by handing out the
/// point again with the same step, which replaces the earlier one under `Run.append`'s
/// rewind rule. So a file parsed whole and the same file fed in pieces give the same curve
/// (unless a less preferred loss tag is logged before the preferred one first appears: read
/// live, those early points stay, unless later steps of the preferred tag rewind over them).
public struct TensorBoardEventParser: AppendingLogParser {
    public var tags: TensorBoardTags
    private(set) var reader = TensorBoardScalarReader()
    private var lossChoice: Int?
    private var tokensChoice: Int?
    private var flopsChoice: Int?
    private var learningRateChoice: Int?
    /// The latest value of each companion series, with its step.
    private var latestTokens: (step: Int64, value: Double)?
    private var latestFlops: (step: Int64, value: Double)?
    private var latestLearningRate: (step: Int64, value: Double)?
    /// The last point handed out, to update when a companion value of its step comes later.
    private var lastPoint: (record: Int, point: MetricPoint)?

    public init(tags: TensorBoardTags = .standard) {
        self.tags = tags
    }

    /// A parser whose reader cuts reads of `readerHalvesFrom` records or more in halves (for
    /// the tests of `TensorBoardScalarReader.readInHalves`).
    package init(tags: TensorBoardTags = .standard, readerHalvesFrom: Int) {
        self.tags = tags
        reader = TensorBoardScalarReader(walksEvents: true, halvesFrom: readerHalvesFrom)
    }

    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome {
        if firstRecord == 1 { self = TensorBoardEventParser(tags: tags, readerHalvesFrom: reader.halvesFrom) }
        let batch = reader.read(bytes, firstRecord: firstRecord)
        var outcome = ParseOutcome()
        outcome.problems = batch.problems
        outcome.consumedBytes = batch.consumedBytes
        outcome.consumedRecords = batch.consumedRecords

        let present = Self.distinctTags(batch.scalars)
        Self.prefer(tags.loss, present: present, choice: &lossChoice)
        Self.prefer(tags.tokens, present: present, choice: &tokensChoice)
        Self.prefer(tags.flops, present: present, choice: &flopsChoice)
        Self.prefer(tags.learningRate, present: present, choice: &learningRateChoice)
        let lossTag = lossChoice.map { tags.loss[$0] }
        let tokensTag = tokensChoice.map { tags.tokens[$0] }
        let flopsTag = flopsChoice.map { tags.flops[$0] }
        let learningRateTag = learningRateChoice.map { tags.learningRate[$0] }

        /// Index in `outcome.points` of the last point, when it was handed out in this call.
        var lastIndex: Int?
        for scalar in batch.scalars {
            if scalar.tag == lossTag {
                guard scalar.step >= 0 else {
                    outcome.problems.append((scalar.record, "\(scalar.tag) logged at negative step \(scalar.step)"))
                    continue
                }
                guard scalar.value.isFinite else {
                    outcome.problems.append((scalar.record,
                        "\(scalar.tag) is \(scalar.value.isNaN ? "NaN" : "infinite") at step \(scalar.step)"))
                    continue
                }
                func at(_ latest: (step: Int64, value: Double)?) -> Double? {
                    latest.flatMap { $0.step == scalar.step ? $0.value : nil }
                }
                let point = MetricPoint(step: Int(scalar.step), tokens: at(latestTokens), flops: at(latestFlops),
                                        loss: scalar.value, learningRate: at(latestLearningRate),
                                        wallTime: scalar.wallTime == 0 ? nil : scalar.wallTime)
                lastPoint = (scalar.record, point)
                outcome.points.append((scalar.record, point))
                lastIndex = outcome.points.count - 1
                continue
            }
            let field: Companion
            switch scalar.tag {
            case tokensTag: field = .tokens
            case flopsTag: field = .flops
            case learningRateTag: field = .learningRate
            default: continue
            }
            guard scalar.value.isFinite else {
                // Left out of the point it would join (and of later ones), and said.
                outcome.problems.append((scalar.record, NonFiniteValues.leftOut(scalar.tag, is: scalar.value.isNaN ? "NaN" : "infinite",
                                                                                atStep: scalar.step)))
                continue
            }
            switch field {
            case .tokens: latestTokens = (scalar.step, scalar.value)
            case .flops: latestFlops = (scalar.step, scalar.value)
            case .learningRate: latestLearningRate = (scalar.step, scalar.value)
            }
            guard var last = lastPoint, Int64(last.point.step) == scalar.step,
                  field.value(of: last.point) != scalar.value else { continue }
            field.set(scalar.value, in: &last.point)
            lastPoint = last
            if let i = lastIndex {
                outcome.points[i].point = last.point
            } else {
                outcome.points.append(last)
                lastIndex = outcome.points.count - 1
            }
        }

        // Framing problems and loss problems, in file order.
        outcome.problems.sort { $0.record < $1.record }
        for (_, values) in batch.hparams {
            let metadata = Self.metadata(from: values, tags: tags)
            outcome.metadata = metadata.filled(from: outcome.metadata)
        }
        // The session's end (the latest one): the run finished or failed, unless points come
        // after it (see `Run.isFinished`).
        if let (_, end) = batch.sessionEnds.last {
            var metadata = outcome.metadata ?? RunMetadata(source: "TensorBoard hparams")
            metadata.end = end
            outcome.metadata = metadata
        }
        return outcome
    }

    /// The series a point takes from tags other than the loss. A switch rather than a
    /// `WritableKeyPath`: applying a key path not known at compile time is a runtime call,
    /// paid for every companion value of a large file.
    enum Companion {
        case tokens, flops, learningRate

        func value(of point: MetricPoint) -> Double? {
            switch self {
            case .tokens: return point.tokens
            case .flops: return point.flops
            case .learningRate: return point.learningRate
            }
        }

        func set(_ value: Double, in point: inout MetricPoint) {
            switch self {
            case .tokens: point.tokens = value
            case .flops: point.flops = value
            case .learningRate: point.learningRate = value
            }
        }
    }

    /// The tags `scalars` log. A file logs a few tags over and over: they are found by
    /// comparing with the few seen so far (a small string compares as two words) rather than
    /// by hashing every scalar's tag, which was a tenth of reading a large file; past 32
    /// distinct tags, by hashing.
    static func distinctTags(_ scalars: [TensorBoardScalar]) -> Set<String> {
        var few: [String] = []
        for (i, scalar) in scalars.enumerated() where !few.contains(scalar.tag) {
            few.append(scalar.tag)
            if few.count > 32 {
                return Set(few).union(scalars[(i + 1)...].lazy.map(\.tag))
            }
        }
        return Set(few)
    }

    /// Move `choice` to the most preferred tag of `list` among those present, if it beats
    /// the current one.
    static func prefer(_ list: [String], present: Set<String>, choice: inout Int?) {
        guard let best = list.firstIndex(where: present.contains) else { return }
        if choice.map({ best < $0 }) ?? true { choice = best }
    }

    /// Run metadata from a session's hyperparameters: N, tokens per step (given, or global
    /// batch × sequence length), and every other key as text.
    static func metadata(from values: [String: TensorBoardHParam], tags: TensorBoardTags) -> RunMetadata {
        var metadata = RunMetadata(source: "TensorBoard hparams")
        func positive(_ keys: [String]) -> (key: String, value: Double)? {
            for key in keys {
                if let v = values[key]?.number, v.isFinite, v > 0 { return (key, v) }
            }
            return nil
        }
        var used = Set<String>()
        if let n = positive(tags.parameters) {
            metadata.parameters = n.value
            used.insert(n.key)
        }
        if let perStep = positive(tags.tokensPerStep) {
            metadata.tokensPerStep = perStep.value
            used.insert(perStep.key)
        } else if let batch = positive(tags.batchSize), let length = positive(tags.sequenceLength) {
            metadata.tokensPerStep = batch.value * length.value
        }
        // The plan, under the names configs use for it (kept as hyperparameters too).
        metadata.plannedSteps = positive(RunConfigMetadata.plannedStepsKeys)?.value
        metadata.plannedTokens = positive(SidecarMetadata.plannedTokensKeys)?.value
        for (key, value) in values where !used.contains(key) {
            metadata.hyperparameters[key] = value.description
        }
        return metadata
    }
}
