import Foundation
import Testing
import TestSupport

/// `scaletop whatif` and `scaletop forecast` through the real binary: published numbers
/// come out of the table and the JSON, every bad input is a message and exit status 1.
@Suite struct WhatIfCommandTests {
    /// The debug binary `make test` builds, or SCALETOP_BINARY.
    static let binary: String = ProcessInfo.processInfo.environment["SCALETOP_BINARY"]
        ?? SharedData.packageRoot.appendingPathComponent(".build/debug/scaletop").path
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }
    static let ladder = SharedData.packageRoot.appendingPathComponent("sample-runs/olmo-ladder").path

    /// Standard output, and standard error too when it failed (the message): a long fit's
    /// progress, on standard error, never mixes into a report.
    func whatif(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let r = try ProcessRunner.runSeparately([Self.binary, "whatif"] + arguments)
        return (r.status, r.status == 0 ? r.output : r.output + r.errors)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func referenceLawsReproduceTheClosedForms() throws {
        // methods.md §10 rows 2–3 at the Gopher budget: unrounded Chinchilla N_opt = 4.036e10,
        // Epoch D/N = 18.4.
        let r = try whatif(["--compute", "5.76e23", "--format", "json"])
        #expect(r.status == 0, "\(r.output)")
        let o = try json(r.output)
        let laws = try #require(o["laws"] as? [[String: Any]])
        let chinchilla = try #require(laws.first { $0["name"] as? String == "Chinchilla 2022" })
        let n = try #require((chinchilla["n_opt"] as? [String: Any])?["value"] as? Double)
        #expect(abs(n / 4.036e10 - 1) < 2e-4)
        let epoch = try #require(laws.first { $0["name"] as? String == "Epoch 2024" })
        let ratio = try #require((epoch["tokens_per_parameter"] as? [String: Any])?["value"] as? Double)
        #expect(abs(ratio - 18.4) < 0.05)
        #expect(o["disagreement"] != nil)
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func gpuHoursPriceAndConstraintsInTheTable() throws {
        // 1000 H100 GPU-hours at MFU 0.4 = 1.424e21 FLOPs; 64 GPUs: 15.6 h; $2.5/h: $2500.
        let r = try whatif(["--gpu-hours", "1000", "--hardware", "h100", "--mfu", "0.4", "--gpus", "64", "--price", "2.5",
                            "--fixed-params", "1e9", "--unique-tokens", "5e10", "--inference-tokens", "1e12", "--target-loss", "2.5",
                            "--law", "chinchilla", "--law", "kaplan"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("Budget C = 1.42e+21 FLOPs"))
        #expect(r.output.contains("15.6 h wall time, $2500"))
        for section in ["Fixed model size", "Data-constrained", "Inference-aware", "Least compute reaching loss 2.5", "DeepSeek LLM 2024", "Step Law 2025", "Disagreement"] {
            #expect(r.output.contains(section), "missing \(section)")
        }
        // Laws side by side: one header line names both.
        let header = try #require(r.output.split(separator: "\n").first { $0.hasPrefix("quantity") })
        #expect(header.contains("Chinchilla 2022") && header.contains("Kaplan 2020"))
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func studyFitGivesIntervals() throws {
        let r = try whatif(["--compute", "1e21", "--from", Self.ladder, "--method", "approach3", "--bootstrap", "20", "--law", "none", "--format", "json"])
        #expect(r.status == 0, "\(r.output)")
        let o = try json(r.output)
        let laws = try #require(o["laws"] as? [[String: Any]])
        #expect(laws.count == 1)
        let n = try #require(laws[0]["n_opt"] as? [String: Any])
        let value = try #require(n["value"] as? Double)
        let interval = try #require(n["interval"] as? [Double])
        #expect(interval[0] < value && value < interval[1])
        // The ladder's sizes are 190M–3.2B; a 1e21 optimum should be among them.
        #expect(value > 1e8 && value < 1e10)
    }

    @Test(.enabled(if: binaryExists && SharedData.isAvailable, "needs the scaletop binary and ../shared/data"))
    func epochsDataThroughFitsReaderReproducesTheirRefit() throws {
        // methods.md §10 row 4: Approach 3 on Epoch's 240 points gives A = 477.83,
        // B = 2143.4, E = 1.81722, α = 0.34731, β = 0.36717, whose D/N at 5.76e23 is 17.92
        // by the closed form (Epoch's Huber-likelihood estimates give 18.4, row 3).
        let csv = SharedData.file("chinchilla/svg_extracted_data.csv").path
        // Standard output alone: the fit's progress goes to standard error.
        let r = try ProcessRunner.runSeparately([Self.binary, "whatif", "--compute", "5.76e23", "--from", csv, "--params-column", "Model Size", "--flops-column", "Training FLOP",
                            "--drop-highest-losses", "5", "--method", "approach3", "--bootstrap", "0", "--law", "none", "--format", "json"])
        #expect(r.status == 0, "\(r.output)\(r.errors)")
        let laws = try #require(try json(r.output)["laws"] as? [[String: Any]])
        let ratio = try #require((laws[0]["tokens_per_parameter"] as? [String: Any])?["value"] as? Double)
        #expect(abs(ratio - 17.92) < 0.05)
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"),
          arguments: [
            (["--compute", "-1e21"], "must be a positive"),
            (["--compute", "1e40"], "outside the plausible range"),
            (["--compute", "0"], "must be a positive"),
            (["--gpu-hours", "100", "--hardware", "H1000"], "known: A100, H100"),
            (["--compute", "1e21", "--gpu-hours", "5"], "give the budget one way"),
            (["--dollars", "100"], "needs a price per GPU-hour"),
            (["--compute", "1e21", "--mfu", "1.5"], "fraction of peak"),
            (["--compute", "1e21", "--fixed-params", "1e21"], "cannot train on even one token"),
            (["--compute", "1e21", "--from", "/nonexistent/study"], "no such file or folder"),
            (["--compute", "1e21", "--from", SharedData.packageRoot.appendingPathComponent("sample-runs/olmo-ladder").path, "--method", "approach2"], "Approach 2"),
          ])
    func badInputIsAMessageAndStatus1(arguments: [String], message: String) throws {
        let r = try whatif(arguments)
        #expect(r.status == 1, "\(r.output)")
        #expect(r.output.contains(message), "\(r.output)")
        #expect(!r.output.contains("Fatal error"))
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func forecastAtHalfTheRunLandsNearTheTruth() throws {
        let r = try ProcessRunner.runSeparately([Self.binary, "forecast", Self.ladder, "--truncate", "0.5", "--format", "json"])
        #expect(r.status == 0, "\(r.output)\(r.errors)")
        let runs = try #require(try json(r.output)["runs"] as? [[String: Any]])
        #expect(runs.count == 25)
        var errors: [Double] = []
        for run in runs {
            let f = try #require(run["forecast"] as? [String: Any], "\(run["name"] ?? ""): \(run["status"] ?? "")")
            let actual = try #require(run["actual_final_loss"] as? Double)
            errors.append(abs((f["final_loss"] as? Double ?? .nan) - actual))
            #expect((f["curve"] as? [Any])?.count == 40)
            // The ladder logs its learning rate: a cosine to 10% is inferred, not assumed.
            #expect(f["schedule_knowledge"] as? String == "inferred")
            let interval = try #require(f["interval"] as? [Double])
            let floor = try #require(f["floor"] as? [String: Any])
            #expect(interval[0] >= (floor["value"] as? Double ?? .infinity), "never below the bound it names")
        }
        // Median error far below the ~0.1 nats between adjacent sizes.
        #expect(errors.sorted()[errors.count / 2] < 0.03)
    }
}

/// Inputs at the edge of what a Double holds get a clear answer or a clear error.
@Suite struct WhatIfExtremeInputTests {
    /// Standard output, and standard error too when it failed (the message): a long fit's
    /// progress, on standard error, never mixes into a report.
    func whatif(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let r = try ProcessRunner.runSeparately([WhatIfCommandTests.binary, "whatif"] + arguments)
        return (r.status, r.status == 0 ? r.output : r.output + r.errors)
    }

    @Test(.enabled(if: WhatIfCommandTests.binaryExists, "needs the scaletop binary (swift build)"))
    func inferenceTokensBeyondADoubleAreNamedNotNaN() throws {
        let r = try whatif(["--compute", "1e21", "--inference-tokens", "1e308"])
        #expect(r.status == 0, "\(r.output)")
        #expect(!r.output.contains("nan"))
        #expect(r.output.contains("inference tokens put the inference compute"))
    }

    @Test(.enabled(if: WhatIfCommandTests.binaryExists, "needs the scaletop binary (swift build)"))
    func aTargetLossAboveEveryModelIsSaidSoNotZeroFLOPs() throws {
        let r = try whatif(["--compute", "1e21", "--target-loss", "1e308"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("above what any model reaches"))
        #expect(!r.output.contains("Chinchilla 2022  0 "))
    }

    @Test(.enabled(if: WhatIfCommandTests.binaryExists, "needs the scaletop binary (swift build)"))
    func droppingEveryPointIsAnError() throws {
        let r = try ProcessRunner.run([WhatIfCommandTests.binary, "fit", WhatIfCommandTests.ladder, "--drop-highest-losses", "1000"])
        #expect(r.status != 0)
        #expect(r.output.contains("would drop every one of the"))
    }
}
