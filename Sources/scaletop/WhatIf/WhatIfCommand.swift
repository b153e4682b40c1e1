import ArgumentParser
import Foundation
import ScalingLaws
import StudyAnalysis
import TrackingServer

/// `scaletop whatif`: what to train with a compute budget, per law side by side, with the
/// constraints of issue #6 (fixed size, unique data, inference load, target loss), the
/// hyperparameter laws, and wall time and cost on the chosen hardware.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "How to spend a compute budget: N, D and loss per scaling law, with constraints, hyperparameters and cost.",
        discussion: """
        Give the budget as --compute FLOPs, or as --gpu-hours (with --hardware and --mfu), or as
        --dollars with --price per GPU-hour. The laws are the study in --from PATH (a folder of
        runs, or a CSV as `scaletop fit` reads it) fitted by each approach, and the published
        references (--law chinchilla|epoch|kaplan|none, repeatable; chinchilla and epoch by default).

        Examples:
          scaletop whatif --compute 1e21
          scaletop whatif --gpu-hours 20000 --hardware H100 --mfu 0.4 --price 2.5 --gpus 256
          scaletop whatif --compute 3e21 --from sample-runs/olmo-ladder --bootstrap 200 --fixed-params 1e9
          scaletop whatif --compute 2.3e21 --fixed-params 2.87e9 --vocab 32K --batch 4M --qat-bits 4

        --vocab, --batch and --qat-bits plan the run the first law (or --fixed-params) gives: the
        compute-optimal vocabulary (Tao et al. 2024), the critical batch and the steps it costs
        (Kaplan et al. 2020) with the Power Scheduler's learning rate (Shen et al. 2024), and the
        QAT share of training (Dremov et al. 2025). With --from, the study's own vocabulary,
        critical-batch and QAT laws are fitted too when its runs name vocab_size and hidden_size,
        tokens_per_step, or qat_bits and qat_fraction.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    enum Reference: String, ExpressibleByArgument, CaseIterable { case chinchilla, epoch, kaplan, none }

    @Option(parsing: .unconditional, help: "Budget in training FLOPs (C = 6ND), e.g. 1e21.")
    var compute: Double?

    @Option(name: .customLong("gpu-hours"), parsing: .unconditional, help: "Budget in GPU-hours on --hardware at --mfu.")
    var gpuHours: Double?

    @Option(parsing: .unconditional, help: "Budget in dollars at --price per GPU-hour.")
    var dollars: Double?

    @Option(help: "Hardware preset for GPU-hours, wall time and cost (\(HardwarePreset.all.map(\.name).joined(separator: ", "))); default: config.yml's hardware, else H100.")
    var hardware: String?

    @Option(parsing: .unconditional, help: "Model FLOPs utilisation, a fraction of peak (typically 0.3–0.5).")
    var mfu: Double = 0.4

    @Option(parsing: .unconditional, help: "Devices the run trains on (for wall time).")
    var gpus: Int = 1

    @Option(parsing: .unconditional, help: "Price per GPU-hour in dollars (for cost, or a budget in --dollars).")
    var price: Double?

    @Option(help: "A study to fit: a folder of runs, an MLflow tracking server or a CSV table (as `scaletop fit` reads it).")
    var from: String?

    @Option(name: .customLong("experiment"), help: "With --from a tracking server: an experiment's name or id (repeatable).")
    var experiments: [String] = []

    @Option(name: .customLong("law"), help: "Published laws to compare: chinchilla | epoch | kaplan | none (repeatable).")
    var references: [Reference] = []

    @Option(name: .customLong("method"), help: "With --from: approach3 | approach2 | approach1 | frontier (repeatable; default all that fit).")
    var methods: [String] = []

    @Option(name: .customLong("fixed-params"), parsing: .unconditional, help: "A model size fixed in advance (parameters).")
    var fixedParams: Double?

    @Option(name: .customLong("unique-tokens"), parsing: .unconditional, help: "Unique tokens available (data-constrained allocation, Muennighoff et al. 2023).")
    var uniqueTokens: Double?

    @Option(name: .customLong("inference-tokens"), parsing: .unconditional, help: "Lifetime inference tokens (inference-aware allocation, Sardana et al. 2024).")
    var inferenceTokens: Double?

    @Option(name: .customLong("target-loss"), parsing: .unconditional, help: "A loss to reach with the least compute (nats/token).")
    var targetLoss: Double?

    @Option(name: .customLong("vocab"), parsing: .unconditional, help: "A vocabulary size you plan (e.g. 32K): compared with the compute-optimal one (Tao et al. 2024).")
    var vocabulary: ScaledNumber?

    @Option(name: .customLong("width"), parsing: .unconditional, help: "The model's width d, for vocabulary size from vocabulary parameters (default: Tao et al.'s Table 5).")
    var width: ScaledNumber?

    @Option(name: .customLong("batch"), parsing: .unconditional, help: "A global batch in tokens (e.g. 4M): critical batch, steps, and the Power Scheduler's learning rate.")
    var batch: ScaledNumber?

    @Option(name: .customLong("seq-len"), parsing: .unconditional, help: "Tokens per sequence, to count --batch in sequences.")
    var sequenceLength: ScaledNumber = ScaledNumber(4096)

    @Option(name: .customLong("qat-bits"), parsing: .unconditional, help: "A quantisation-aware-training target width in bits: the share of training in QAT.")
    var qatBits: Double?

    @Option(parsing: .unconditional, help: "With --from: bootstrap replicates over runs for the intervals (0 for none).")
    var bootstrap: Int = 100

    @Option(help: "With --from: Approach 3 start grid, subset (32 starts) or hoffmann (Hoffmann et al.'s 4500).")
    var grid: FitCommand.StartGrid = .subset

    @Option(parsing: .unconditional, help: "Central probability of the intervals.")
    var level: Double = 0.8

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 0

    @Option(help: "table | json")
    var format: Format = .table

    // CSV columns, passed on to `scaletop fit`'s reader.
    @Option(name: .customLong("params-column")) var paramsColumn: String?
    @Option(name: .customLong("tokens-column")) var tokensColumn: String?
    @Option(name: .customLong("flops-column")) var flopsColumn: String?
    @Option(name: .customLong("loss-column")) var lossColumn: String?
    @Option(name: .customLong("run-column")) var runColumn: String?
    @Option(name: .customLong("where")) var filters: [String] = []
    @Option(name: .customLong("drop-highest-losses"), help: "With --from: drop the K highest final losses first (Epoch drops 5 of Chinchilla's 245).")
    var dropHighestLosses: Int = 0

    /// Every input is checked in `run`, so a bad value exits with status 1 and a message
    /// (negative numbers are read as values, not flags: `--compute -1e21` is an error here).
    func check() throws {
        let given = [compute != nil, gpuHours != nil, dollars != nil].filter { $0 }.count
        guard given == 1 else { throw CommandFailure("give the budget one way: --compute FLOPs, --gpu-hours N or --dollars N (with --price)") }
        guard bootstrap >= 0 else { throw CommandFailure("--bootstrap must be 0 or more") }
        if from == nil && !methods.isEmpty { throw CommandFailure("--method needs --from PATH (a study to fit)") }
        for m in methods where WhatIfStudyLaws.Approach(rawValue: m) == nil {
            throw CommandFailure("--method \(m): expected one of \(WhatIfStudyLaws.Approach.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        try check()
        do {
            let (question, study) = try ProgressReporter.run("whatif") { try makeQuestion(progress: $0) }
            let answer = question.answer()
            for w in study?.failures ?? [] { FileHandle.standardError.write(Data("warning: left out \(w)\n".utf8)) }
            let report = WhatIfReport(question: question, answer: answer, study: study, command: self)
            print(format == .json ? report.json() : report.table(), terminator: "")
        } catch let error as WhatIfError {
            throw CommandFailure(error.description)
        }
    }

    func makeQuestion(progress: ProgressCounter? = nil) throws -> (WhatIfQuestion, WhatIfStudyLaws?) {
        let preset = try HardwarePreset.require(hardware ?? CommandSettings.current.hardware ?? "H100")
        let plan = try HardwarePlan(hardware: preset, modelFLOPsUtilization: mfu, gpuCount: gpus, dollarsPerGPUHour: price)
        let budget: ComputeBudget
        if let compute { budget = try ComputeBudget(flops: compute) }
        else if let gpuHours { budget = try ComputeBudget(gpuHours: gpuHours, on: plan) }
        else { budget = try ComputeBudget(dollars: dollars!, on: plan) }

        var laws: [ComputeOptimalLaw] = []
        var study: WhatIfStudyLaws? = nil
        var planningFits = StudyPlanningFits()
        if let from {
            let data = try loadStudy(from)
            planningFits = WhatIfPlanningFits.fit(data)
            let approaches = methods.isEmpty ? WhatIfStudyLaws.Approach.allCases : methods.compactMap(WhatIfStudyLaws.Approach.init)
            var settings: Bootstrap? = nil
            if bootstrap > 0 {
                settings = Bootstrap(samples: bootstrap, seed: seed, level: level)
                settings?.progress = progress
            }
            let s = WhatIfStudyLaws.fit(data, approaches: approaches, bootstrap: settings,
                                        grid: grid == .hoffmann ? .hoffmann : .subset, progress: progress)
            // An address is shown without its credentials.
            let shown = TrackingURI.display(of: from)
            // An approach asked for by name must fit; of the default set, at least one.
            if !methods.isEmpty, !s.failures.isEmpty {
                throw CommandFailure("\(shown): \(s.failures.joined(separator: "; "))")
            }
            // Nothing identified, no planning law and nothing published to show: refuse, saying
            // why. (A batch or vocabulary sweep may fit no compute-optimal law; its own laws
            // still answer.)
            let unidentified = s.unidentified.map { "\($0.law): \($0.design.summary ?? "")" }
            guard !s.laws.isEmpty || !planningFits.isEmpty || (!unidentified.isEmpty && references != [.none]) else {
                throw CommandFailure("\(shown): no law could be fitted to this study:\n  " + (s.failures + unidentified).joined(separator: "\n  "))
            }
            laws += s.laws
            study = s
            study?.notes += planningFits.notes
        }
        let refs = references.isEmpty ? [Reference.chinchilla, .epoch] : references
        for r in refs {
            switch r {
            case .chinchilla: laws.append(.chinchilla)
            case .epoch: laws.append(.epoch)
            case .kaplan: laws.append(.kaplan)
            case .none: break
            }
        }
        var question = try WhatIfQuestion(budget: budget, laws: laws, fixedParameters: fixedParams, uniqueTokens: uniqueTokens,
                                          inferenceTokens: inferenceTokens, targetLoss: targetLoss, hardware: plan, intervalLevel: level)
        question.planning = try PlanningInputs(plannedVocabulary: vocabulary?.value, modelWidth: width?.value, batchTokens: batch?.value,
                                               sequenceLength: sequenceLength.value, qatBits: qatBits,
                                               studyVocabulary: planningFits.vocabulary, studyCriticalBatch: planningFits.criticalBatch,
                                               studyQAT: planningFits.qat).validated()
        return (question, study)
    }

    /// The study through `scaletop fit`'s own reader, so both commands see the same points.
    func loadStudy(_ path: String) throws -> FitInput {
        var arguments = [path, "--method", "approach3"]
        for (flag, value) in [("--params-column", paramsColumn), ("--tokens-column", tokensColumn), ("--flops-column", flopsColumn),
                              ("--loss-column", lossColumn), ("--run-column", runColumn)] {
            if let value { arguments += [flag, value] }
        }
        for f in filters { arguments += ["--where", f] }
        for e in experiments { arguments += ["--experiment", e] }
        if dropHighestLosses != 0 { arguments += ["--drop-highest-losses", String(dropHighestLosses)] }
        let fitCommand: FitCommand
        do { fitCommand = try FitCommand.parse(arguments) } catch {
            throw CommandFailure("--from \(TrackingURI.display(of: path)): \(FitCommand.message(for: error))")
        }
        do {
            let data = try FitInput.load(fitCommand)
            for w in data.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
            return data
        } catch let error as FitCommandError {
            throw CommandFailure(error.description)
        }
    }
}
