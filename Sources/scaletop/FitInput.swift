import Foundation
import RunIngest
import ScalingLaws

/// What a fit reads: one final point per run (approaches 2–3, Kaplan), every checkpoint
/// (approach 1, frontier), and which run each point belongs to (for the bootstrap).
struct FitInput {
    /// Final points, one per run (or per CSV row).
    var finals: [LossObservation] = []
    /// FLOPs of each final point: the table's or the log's own count, else 6ND.
    var finalFlops: [Double] = []
    /// Run index of each final point.
    var finalRun: [Int] = []
    /// Every checkpoint's (FLOPs, loss) and run, for approach 1 and the frontier.
    var checkpointFlops: [Double] = []
    var checkpointLoss: [Double] = []
    var checkpointRun: [Int] = []
    var curves: [TrainingCurve] = []
    var runNames: [String] = []
    /// Where each final point came from ("runs.csv:12" or a run's name), for error messages.
    var finalOrigins: [String] = []
    var warnings: [String] = []
    var source: String
    /// Each run's metadata, by run index (a table's other columns as hyperparameters): what the
    /// what-if's vocabulary, critical-batch and QAT fits read (`WhatIfPlanningFits`).
    var runMetadata: [RunMetadata] = []
    /// Each run's loss against tokens seen, by run index (the critical-batch fit's input).
    var tokenCurves: [[(tokens: Double, loss: Double)]] = []

    static func load(_ c: FitCommand) throws -> FitInput {
        let source = try c.studySource()
        var isDirectory: ObjCBool = false
        guard source.isServer || FileManager.default.fileExists(atPath: c.path, isDirectory: &isDirectory) else {
            throw FitCommandError("\(c.path): no such file or folder")
        }
        var input = source.isServer || isDirectory.boolValue ? try fromStudy(c, source) : try fromTable(c)
        if c.dropHighestLosses > 0 {
            // Dropping every point would leave nothing to fit: say so rather than fit them all.
            guard c.dropHighestLosses < input.finals.count else {
                throw FitCommandError("--drop-highest-losses \(c.dropHighestLosses) would drop every one of the "
                                      + "\(input.finals.count) final losses of \(c.path); give a K below \(input.finals.count)")
            }
            input.dropHighestFinalLosses(c.dropHighestLosses)
        }
        return input
    }

    // MARK: CSV

    static func fromTable(_ c: FitCommand) throws -> FitInput {
        let (raw, issues) = try CSVTable.read(path: c.path)
        var input = FitInput(source: raw.source)
        input.warnings += issues.map(\.description)
        let table = try raw.filtered(by: c.filters.compactMap(RowFilter.init))
        guard !table.rows.isEmpty else {
            throw FitCommandError("\(raw.source): no rows left\(c.filters.isEmpty ? "" : " after --where \(c.filters.joined(separator: " --where "))")")
        }
        let loss = try table.numbers(c.lossColumn)
        let n = try c.paramsColumn.map { try table.numbers($0) }
        let d = try c.tokensColumn.map { try table.numbers($0) }
        let f = try c.flopsColumn.map { try table.numbers($0) }
        let needsN = c.method != .frontier
        if needsN && n == nil {
            throw FitCommandError("--method \(c.method.rawValue) needs model sizes: name their column with --params-column")
        }
        guard d != nil || f != nil else {
            throw FitCommandError("name a --tokens-column or a --flops-column (D = C/(6N) when only FLOPs are given)")
        }
        let runLabels: [String]
        if let rc = c.runColumn { runLabels = try table.strings(rc) }
        else if c.method == .approach1, let n { runLabels = n.map { "N=\(NumberFormat.general($0))" } }
        else { runLabels = table.rows.map { "line \($0.line)" } }
        var runIndex: [String: Int] = [:]
        for (i, label) in runLabels.enumerated() {
            let r: Int
            if let k = runIndex[label] { r = k } else {
                r = input.runNames.count; runIndex[label] = r; input.runNames.append(label)
                input.runMetadata.append(rowMetadata(table, i))
                input.tokenCurves.append([])
            }
            let params = n?[i] ?? .nan
            let tokens = d?[i] ?? (f![i] / (6 * params))
            input.tokenCurves[r].append((tokens, loss[i]))
            let flops = f?[i] ?? 6 * params * tokens
            input.checkpointFlops.append(flops)
            input.checkpointLoss.append(loss[i])
            input.checkpointRun.append(r)
            input.finals.append(LossObservation(parameters: params, tokens: tokens, loss: loss[i]))
            input.finalOrigins.append("\(raw.source):\(table.rows[i].line)")
            input.finalFlops.append(flops)
            input.finalRun.append(r)
        }
        if c.method == .approach1 {
            input.curves = input.runNames.indices.map { r in
                let idx = input.checkpointRun.indices.filter { input.checkpointRun[$0] == r }
                return TrainingCurve(name: input.runNames[r], parameters: input.finals[idx[0]].parameters,
                                     flops: idx.map { input.checkpointFlops[$0] }, loss: idx.map { input.checkpointLoss[$0] })
            }
        }
        return input
    }

    // MARK: Folder of runs, or a tracking server

    static func fromStudy(_ c: FitCommand, _ study: StudySource) throws -> FitInput {
        let store: RunStore
        do { store = try study.loadStore() } catch { throw FitCommandError("\(error)") }
        var input = FitInput(source: study.displayName)
        input.warnings += store.issues.map { "\($0.first) (\($0.count) problem\($0.count == 1 ? "" : "s") in this file)" }
        let needsN = c.method != .frontier
        for run in store.runs {
            guard let last = run.points.last else { input.warnings.append("\(run.name): no points; left out"); continue }
            if needsN && run.metadata.parameters == nil {
                input.warnings.append("\(run.name): no parameter count in its metadata; left out (add \"parameters\" to its sidecar)")
                continue
            }
            let checkpoints = run.points.compactMap { p in run.flops(at: p).map { ($0, p.loss) } }
            guard let finalFlops = run.flops(at: last), let tokens = run.tokens(at: last) ?? (run.metadata.parameters.map { finalFlops / (6 * $0) }) else {
                input.warnings.append("\(run.name): FLOPs cannot be derived (no tokens or tokens_per_step); left out")
                continue
            }
            let r = input.runNames.count
            input.runNames.append(run.name)
            let n = run.metadata.parameters ?? .nan
            input.finals.append(LossObservation(parameters: n, tokens: tokens, loss: last.loss))
            input.finalOrigins.append("run \(run.name)")
            input.finalFlops.append(finalFlops)
            input.finalRun.append(r)
            for (f, l) in checkpoints {
                input.checkpointFlops.append(f)
                input.checkpointLoss.append(l)
                input.checkpointRun.append(r)
            }
            input.curves.append(TrainingCurve(name: run.name, parameters: n, flops: checkpoints.map(\.0), loss: checkpoints.map(\.1)))
            input.runMetadata.append(run.metadata)
            input.tokenCurves.append(run.points.compactMap { p in run.tokens(at: p).map { ($0, p.loss) } })
        }
        guard !input.finals.isEmpty else { throw FitCommandError("\(study.displayName): no usable runs") }
        return input
    }

    /// A table row's columns as a run's metadata: every column as a hyperparameter, and the
    /// batch from a `tokens_per_step` (or `batch_tokens`) column.
    static func rowMetadata(_ table: CSVTable, _ i: Int) -> RunMetadata {
        var metadata = RunMetadata(source: "\(table.source):\(table.rows[i].line)")
        for (k, name) in table.header.enumerated() { metadata.hyperparameters[name] = table.rows[i].fields[k].trimmingCharacters(in: .whitespaces) }
        for key in ["tokens_per_step", "batch_tokens", "batch_size_in_tokens"] {
            if let v = metadata.hyperparameters[key].flatMap(Double.init), v.isFinite, v > 0 { metadata.tokensPerStep = v; break }
        }
        return metadata
    }

    /// Epoch's cleaning step: drop the K highest final losses (and their runs' checkpoints).
    mutating func dropHighestFinalLosses(_ k: Int) {
        guard k > 0, k < finals.count else { return }
        let drop = Set(finals.indices.sorted { finals[$0].loss > finals[$1].loss }.prefix(k).map { finalRun[$0] })
        let keepF = finals.indices.filter { !drop.contains(finalRun[$0]) }
        finals = keepF.map { finals[$0] }
        finalOrigins = keepF.map { finalOrigins[$0] }
        finalFlops = keepF.map { finalFlops[$0] }
        finalRun = keepF.map { finalRun[$0] }
        let keepC = checkpointRun.indices.filter { !drop.contains(checkpointRun[$0]) }
        checkpointFlops = keepC.map { checkpointFlops[$0] }
        checkpointLoss = keepC.map { checkpointLoss[$0] }
        checkpointRun = keepC.map { checkpointRun[$0] }
        curves = curves.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }
}
