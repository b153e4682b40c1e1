import Foundation
import Testing
import TestSupport

/// `scaletop whatif --vocab/--batch/--qat-bits` through the real binary (issue #18): the
/// published laws' numbers in table and JSON, and the study's own laws fitted from runs that
/// carry vocabulary, batch and QAT metadata.
@Suite struct WhatIfPlanningCommandTests {
    static var binaryExists: Bool { WhatIfCommandTests.binaryExists }

    func whatif(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ProcessRunner.run([WhatIfCommandTests.binary, "whatif"] + arguments)
    }

    /// The JSON document in `text`: stderr's "warning:" lines (merged by ProcessRunner) come first.
    func json(_ text: String) throws -> [String: Any] {
        let start = try #require(text.range(of: "\n{")?.upperBound ?? (text.hasPrefix("{") ? text.index(after: text.startIndex) : nil))
        let document = "{" + text[start...]
        return try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
    }

    func laws(_ o: [String: Any], _ section: String) throws -> [[String: Any]] {
        try #require((o[section] as? [String: Any])?["laws"] as? [[String: Any]], "\(section) in \(o.keys.sorted())")
    }

    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-whatif-planning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func publishedLawsForTaoEtAlsThreeBillionModel() throws {
        // Tao et al. Table 3: N_nv = 2.87B at 2.3e21 FLOPs, Approach 3 gives 43K (ours 42.2K).
        let r = try whatif(["--compute", "2.3e21", "--fixed-params", "2.87e9", "--vocab", "32K", "--batch", "4M",
                            "--qat-bits", "4", "--law", "chinchilla", "--format", "json"])
        #expect(r.status == 0, "\(r.output)")
        let o = try json(r.output)
        let vocabulary = try laws(o, "vocabulary")
        #expect(vocabulary.count == 3)
        let app3 = try #require(vocabulary.first { ($0["law"] as? String)?.contains("App. 3") == true })
        let v = try #require(app3["vocabulary_size"] as? Double)
        #expect(abs(v / 42_211 - 1) < 0.01)
        #expect(app3["verification"] as? String == "verified against the paper")
        let excess = try #require((o["vocabulary"] as? [String: Any])?["planned_loss_excess"] as? Double)
        #expect(excess > 0)
        let batch = try laws(o, "batch")
        #expect(batch.first?["law"] as? String == "Kaplan 2020")
        let critical = try #require(batch.first?["critical_batch"] as? Double)
        #expect(critical > 0)
        let qat = try laws(o, "qat")
        #expect(qat.first?["verification"] as? String == "secondary sources only (not checked against the paper)")
        let hyper = try #require(o["hyperparameters"] as? [[String: Any]])
        let power = try #require(hyper.first { $0["law"] as? String == "Power Scheduler 2024" })
        // η = β·4.6·T^−0.51 with β = 4e6/4096 sequences and T = 2.3e21/(6·2.87e9) tokens.
        let t = 2.3e21 / (6 * 2.87e9)
        let lr = try #require(power["learning_rate"] as? Double)
        let expected: Double = 4e6 / 4096 * 4.6 * pow(t, -0.51)
        #expect(abs(lr / expected - 1) < 1e-9)
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func tableShowsEverySectionWithItsMarking() throws {
        let r = try whatif(["--compute", "1e22", "--vocab", "50K", "--batch", "2M", "--seq-len", "2048", "--qat-bits", "2"])
        #expect(r.status == 0, "\(r.output)")
        for text in ["Vocabulary for N_nv", "Tao 2024 App. 1 (IsoFLOP)", "planned V = 50000", "Batch 2.00e+06 tokens (977 × 2048 tokens)",
                     "Kaplan L(N, S, B)", "QAT to 2 bits", "Dremov 2025", "secondary sources only", "Power Scheduler 2024",
                     "verified against the paper"] {
            #expect(r.output.contains(text), "missing \(text) in\n\(r.output)")
        }
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"),
          arguments: [
            (["--compute", "1e21", "--vocab", "lots"], "--vocab"),
            (["--compute", "1e21", "--batch", "100"], "less than one 4096-token sequence"),
            (["--compute", "1e21", "--qat-bits", "64"], "not a quantisation"),
            (["--compute", "1e21", "--vocab", "-5"], "vocabulary size"),
          ])
    func badPlanningInputIsAMessageAndStatus1(arguments: [String], message: String) throws {
        let r = try whatif(arguments)
        #expect(r.status != 0, "\(r.output)")
        #expect(r.output.contains(message), "\(r.output)")
        #expect(!r.output.contains("Fatal error"))
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func vocabularySweepInACSVFitsTheStudysOwnLaw() throws {
        // Four budgets, five vocabularies each, losses per byte (loss_unit bpb) on a parabola in
        // log N_v around N_v* = 0.2·C^0.42: the study's fit must find that law.
        var csv = "run,params,flops,loss,vocab_size,hidden_size,loss_unit\n"
        for c in [1e18, 1e19, 1e20, 1e21] {
            let d = 1024.0, nnv: Double = 0.0834 * pow(c, 0.5)
            let best: Double = 0.2 * pow(c, 0.42)
            for k in -2...2 {
                let nv: Double = best * pow(2, Double(k))
                let loss: Double = 1 + 0.05 * pow(log(nv / best), 2)
                csv += "c\(c)-v\(k),\(nnv + nv),\(c),\(loss),\(nv / d),\(d),bpb\n"
            }
        }
        let path = try temporaryFile("vocab.csv", csv)
        let r = try whatif(["--compute", "1e20", "--from", path, "--params-column", "params", "--flops-column", "flops",
                            "--law", "chinchilla", "--fixed-params", "2e9", "--vocab", "32K", "--bootstrap", "0", "--format", "json"])
        #expect(r.status == 0, "\(r.output)")
        let o = try json(r.output)
        let fit = try #require(o["study_vocabulary_fit"] as? [String: Any], "\(o.keys.sorted())")
        let exponent = try #require(fit["exponent"] as? Double), coefficient = try #require(fit["coefficient"] as? Double)
        #expect(abs(exponent - 0.42) < 1e-3)
        #expect(abs(coefficient / 0.2 - 1) < 0.02)
        let row = try #require(try laws(o, "vocabulary").first { $0["law"] as? String == "this study (IsoFLOP)" })
        let nv = try #require(row["vocabulary_parameters"] as? Double)
        let truth: Double = 0.2 * pow(1e20, 0.42)
        #expect(abs(nv / truth - 1) < 0.02)
        #expect(row["verification"] as? String == "fitted to this study")
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func batchSweepInACSVMeasuresTheCriticalBatch() throws {
        // One size, four batches; each run's curve from Kaplan's Eqs. 5.1–5.6 with a known
        // B* = 5e7 and α_B = 0.3: S(L) = S_min(L)·(1 + B_crit(L)/B), tokens = S·B.
        let n = 1e8
        let lN: Double = pow(6.5e13 / n, 0.077)
        var csv = "run,params,tokens,loss,tokens_per_step\n"
        for b in [32768.0, 131_072, 524_288, 2_097_152] {
            for k in 0..<60 {
                let l: Double = lN + 3 * pow(0.95, Double(k))
                let sMin: Double = 2.1e3 / pow(l - lN, 1 / 0.76)
                let critical: Double = 5e7 * pow(l, -1 / 0.3)
                let steps: Double = sMin * (1 + critical / b)
                csv += "b\(Int(b)),\(n),\(steps * b),\(l),\(b)\n"
            }
        }
        let path = try temporaryFile("batch.csv", csv)
        let r = try whatif(["--compute", "1e20", "--from", path, "--params-column", "params", "--tokens-column", "tokens",
                            "--run-column", "run", "--law", "chinchilla", "--batch", "1M", "--bootstrap", "0", "--format", "json"])
        #expect(r.status == 0, "\(r.output)")
        let fit = try #require(try json(r.output)["study_critical_batch_fit"] as? [String: Any])
        let bStar = try #require(fit["b_star"] as? Double), alphaB = try #require(fit["alpha_b"] as? Double)
        #expect(abs(bStar / 5e7 - 1) < 0.05)
        #expect(abs(alphaB - 0.3) < 0.01)
    }

    @Test(.enabled(if: binaryExists, "needs the scaletop binary (swift build)"))
    func qatSweepsInACSVFitTheConstant() throws {
        // Sweeps centred on f* = exp(−5/ln S): the fit must give a = 5.
        var csv = "run,params,tokens,loss,qat_bits,qat_fraction\n"
        for (n, d, bits) in [(1e8, 1e10, 2.0), (3e8, 6e10, 4), (1e9, 2e11, 4)] {
            let s: Double = d / (n * bits / 8)
            let f: Double = exp(-5 / log(s))
            for k in -2...2 {
                let x: Double = f + 0.05 * Double(k)
                csv += "n\(n)-b\(bits)-\(k),\(n),\(d),\(3 + (x - f) * (x - f)),\(bits),\(x)\n"
            }
        }
        let path = try temporaryFile("qat.csv", csv)
        let r = try whatif(["--compute", "1e21", "--from", path, "--params-column", "params", "--tokens-column", "tokens",
                            "--law", "chinchilla", "--qat-bits", "4", "--bootstrap", "0", "--format", "json"])
        #expect(r.status == 0, "\(r.output)")
        let o = try json(r.output)
        let fit = try #require(o["study_qat_fit"] as? [String: Any])
        let a = try #require(fit["a"] as? Double)
        #expect(abs(a - 5) < 0.01)
        #expect(try laws(o, "qat").contains { $0["law"] as? String == "this study" })
    }
}
