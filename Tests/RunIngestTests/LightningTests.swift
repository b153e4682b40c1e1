import Foundation
import Testing
import TestSupport
@testable import RunIngest

@Suite struct LightningTests {
    static let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/RunIngestTests/Fixtures/lightning")

    @Test func rewrittenFileWithANewColumnParsesWhole() throws {
        let before = LightningMetricsParser().parse(try fileBytes(Self.fixtures.appendingPathComponent("metrics_before_rewrite.csv")))
        #expect(before.points.map(\.point.step) == [49, 99, 149, 199, 249, 299])
        #expect(before.points.first?.point.learningRate == 0.001)
        let after = LightningMetricsParser().parse(try fileBytes(Self.fixtures.appendingPathComponent("metrics.csv")))
        #expect(after.points.map(\.point.step) == [49, 99, 149, 199, 249, 299, 349, 399, 449, 499])
        #expect(Array(after.points.prefix(6)).map(\.point) == before.points.map(\.point))
        #expect(after.points.map(\.record) == [2, 3, 4, 5, 6, 7, 10, 11, 12, 13])
        #expect(after.problems.map(\.record) == [14])
        #expect(after.problems.first?.message == "train_loss_step is NaN at step 499")
        let validation = LightningMetricsParser(series: .validation).parse(try fileBytes(Self.fixtures.appendingPathComponent("metrics.csv")))
        #expect(validation.points.map(\.point) == [MetricPoint(step: 299, loss: 4.75)])
    }

    /// A file caught half-way through a write: complete rows count, the cut row waits.
    @Test func rowCutShortIsLeftForTheNextRead() throws {
        let data = try fileBytes(Self.fixtures.appendingPathComponent("metrics.csv"))
        let whole = LightningMetricsParser().parse(data)
        #expect(whole.consumedBytes == data.count)
        for cut in stride(from: 0, to: data.count, by: 5) {
            let out = LightningMetricsParser().parse(Array(data[..<cut]))
            #expect(out.problems.allSatisfy { $0.record == 14 }, "cut at \(cut)")   // only the NaN row's own problem
            #expect(out.consumedBytes <= cut)
            #expect(Array(whole.points.prefix(out.points.count)).map(\.point) == out.points.map(\.point))
            if cut < data.count { #expect(data[out.consumedBytes..<cut].allSatisfy { $0 != 0x0A }) }
        }
    }

    @Test func userMappingAndUnknownColumn() throws {
        let mapping = try MetricColumns(mapping: "loss=train_loss_epoch", base: LightningMetricsParser.defaultColumns(.training))
        let epoch = LightningMetricsParser(columns: mapping).parse(try fileBytes(Self.fixtures.appendingPathComponent("metrics.csv")))
        #expect(epoch.points.map(\.point) == [MetricPoint(step: 299, loss: 5.0)])
        let missing = LightningMetricsParser(columns: try MetricColumns(mapping: "loss=train_loss")).parse(Array("step,epoch,val_loss\n1,0,2\n".utf8))
        #expect(missing.problems.map(\.record) == [1])
        #expect(missing.problems.first?.message == "no column \"train_loss\" (mapped as loss); the header has: step, epoch, val_loss")
    }

    @Test func hyperparametersGiveNTokensPerStepAndTheRest() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("hparams.yaml"), encoding: .utf8)
        let meta = try LightningHyperparameters.parse(text, source: "hparams.yaml")
        #expect(meta.parameters == 85_000_000)
        #expect(meta.tokensPerStep == 8192.0)   // 32 × 128 × 2
        #expect(meta.hyperparameters["optimizer.lr"] == "0.0003")
        #expect(meta.hyperparameters["optimizer.name"] == "AdamW")
        #expect(meta.hyperparameters["use_flash"] == "true")
        #expect(meta.hyperparameters["n_params"] == nil)
        #expect(try LightningHyperparameters.parse("{}\n", source: "h").hyperparameters.isEmpty)
        #expect(throws: LightningHyperparameters.Failure.self) { try LightningHyperparameters.parse("a: [1, 2\n", source: "h") }
        #expect(throws: LightningHyperparameters.Failure.self) { try LightningHyperparameters.parse("- 1\n- 2\n", source: "h") }
    }

    @Test func versionsOrderAndStitch() {
        #expect(LightningVersions.ordered(["version_10", "version_5", "version_0", "custom", "version_x"])
                == ["version_0", "version_5", "version_10", "custom", "version_x"])
        #expect(LightningVersions.versionNumber("version_12") == 12)
        #expect(LightningVersions.versionFolders(among: ["version_2", "hparams.yaml", "version_10", "tb"]) == ["version_2", "version_10"])
        #expect(LightningVersions.versionNumber("version_") == nil)
        let v0 = [10, 20, 30, 40].map { MetricPoint(step: $0, loss: 3) }
        let v1 = [30, 50].map { MetricPoint(step: $0, loss: 2) }
        #expect(LightningVersions.stitched([v0, v1]) == [MetricPoint(step: 10, loss: 3), MetricPoint(step: 20, loss: 3),
                                                        MetricPoint(step: 30, loss: 2), MetricPoint(step: 50, loss: 2)])
        #expect(LightningMetricsParser.isRun(fileName: "metrics.csv", folderName: "version_3", siblingNames: []))
        #expect(LightningMetricsParser.isRun(fileName: "metrics.csv", folderName: "run", siblingNames: ["hparams.yaml"]))
        #expect(!LightningMetricsParser.isRun(fileName: "metrics.csv", folderName: "run", siblingNames: []))
    }

    // MARK: real files (../shared/data, read in place: no licence)

    static let real = "logs/lightning_csv/slm_training/lightning_logs/"

    @Test(.enabled(if: ReferenceReader.isAvailable, "needs ../shared/data and python3"),
          arguments: ["version_0", "version_5"])
    func realMetricsMatchPythonsCSVReader(version: String) throws {
        let file = SharedData.file(Self.real + version + "/metrics.csv")
        let data = try fileBytes(file)
        for (series, kind) in [(LightningMetricsParser.Series.training, "lightning-training"), (.validation, "lightning-validation")] {
            let out = LightningMetricsParser(series: series).parse(data)
            let reference = try ReferenceReader.points(kind, file)
            #expect(out.problems.isEmpty)
            #expect(!reference.isEmpty)
            #expect(out.points.map(\.point.step) == reference.map(\.step))
            #expect(out.points.map(\.point.loss) == reference.map(\.loss))
        }
    }

    @Test(.enabled(if: ReferenceReader.isAvailable, "needs ../shared/data and python3"))
    func realHyperparametersMatchPyYAML() throws {
        let file = SharedData.file(Self.real + "version_0/hparams.yaml")
        let meta = try LightningHyperparameters.parse(try String(contentsOf: file, encoding: .utf8), source: "hparams.yaml")
        let reference = try ReferenceReader.read("yaml", file) as? [String: String]
        #expect(meta.hyperparameters == reference)
        #expect(meta.parameters == nil)          // the sample names no count…
        #expect(meta.tokensPerStep == nil)       // …and no batch size
    }

    /// version_5 resumed version_0's checkpoint: stitched, one curve with increasing steps.
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"))
    func realResumedVersionsStitchIntoOneRun() throws {
        let curves = try LightningVersions.ordered(["version_5", "version_0"]).map {
            LightningMetricsParser().parse(try fileBytes(SharedData.file(Self.real + $0 + "/metrics.csv"))).points.map(\.point)
        }
        let run = LightningVersions.stitched(curves)
        #expect(run.count == curves[0].count + curves[1].count)
        #expect(run.first?.step == 49)
        #expect(zip(run, run.dropFirst()).allSatisfy { $0.step < $1.step })
        #expect(curves[1].first?.step == 140749)
    }
}
