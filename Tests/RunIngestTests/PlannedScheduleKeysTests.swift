import Testing
import ScalingLaws
@testable import RunIngest

/// The planned learning-rate schedule read from the keys each framework logs (issue #13).
@Suite struct PlannedScheduleKeysTests {
    func planned(_ values: [String: String], steps: Double? = nil) -> LearningRateSchedule? {
        PlannedScheduleKeys.schedule(from: values, plannedSteps: steps)?.schedule
    }

    @Test func huggingFaceTrainingArguments() throws {
        let cosine = try #require(planned(["lr_scheduler_type": "cosine", "warmup_steps": "100", "learning_rate": "3e-4"], steps: 1000))
        #expect(cosine.shape == .cosine && cosine.warmupEnd == 100 && cosine.decayStart == 100 && cosine.end == 1000)
        #expect(cosine.peak == 3e-4 && cosine.floor == 0)
        let ratio = try #require(planned(["lr_scheduler_type": "linear", "warmup_ratio": "0.1"], steps: 2000))
        #expect(ratio.shape == .linear && ratio.warmupEnd == 200)
        let constant = try #require(planned(["lr_scheduler_type": "constant_with_warmup", "warmup_steps": "10"], steps: 500))
        #expect(constant.shape == .constant && constant.learningRate(at: 400) == constant.peak)
        let wsd = try #require(planned(["lr_scheduler_type": "warmup_stable_decay", "warmup_steps": "100",
                                        "lr_scheduler_kwargs.num_decay_steps": "200", "lr_scheduler_kwargs.decay_type": "1-sqrt",
                                        "lr_scheduler_kwargs.min_lr_ratio": "0.1", "learning_rate": "1e-3"], steps: 1000))
        #expect(wsd.shape == .oneMinusSquareRoot && wsd.decayStart == 800 && abs(wsd.floor - 1e-4) < 1e-15)
        #expect(planned(["lr_scheduler_type": "reduce_lr_on_plateau"], steps: 100) == nil, "not a planned schedule")
    }

    @Test func megatronArguments() throws {
        let s = try #require(planned(["lr_decay_style": "WSD", "lr_warmup_iters": "50", "train_iters": "1000",
                                      "lr_wsd_decay_iters": "100", "lr_wsd_decay_style": "minus_sqrt", "lr": "6e-4", "min_lr": "6e-5"]))
        #expect(s.shape == .oneMinusSquareRoot && s.decayStart == 900 && s.end == 1000 && s.floor == 6e-5)
        let c = try #require(planned(["lr_decay_style": "cosine", "lr_warmup_iters": "50", "lr_decay_iters": "800", "train_iters": "1000"]))
        #expect(c.shape == .cosine && c.end == 800, "the decay ends at lr_decay_iters")
    }

    @Test func torchtitanJobConfig() throws {
        let s = try #require(planned(["lr_scheduler.warmup_steps": "200", "lr_scheduler.decay_ratio": "0.2",
                                      "lr_scheduler.decay_type": "sqrt", "lr_scheduler.lr_min": "0.1", "training.steps": "10000",
                                      "optimizer.lr": "8e-4"]))
        #expect(s.shape == .oneMinusSquareRoot && s.decayStart == 8000 && s.end == 10000)
        #expect(abs(s.floor - 8e-5) < 1e-15 && s.peak == 8e-4)
    }

    @Test func nanoGPTAndLitGPT() throws {
        let nano = try #require(planned(["decay_lr": "true", "warmup_iters": "2000", "lr_decay_iters": "600000",
                                         "max_iters": "600000", "learning_rate": "6e-4", "min_lr": "6e-5"]))
        #expect(nano.shape == .cosine && nano.warmupEnd == 2000 && nano.end == 600000 && nano.floor == 6e-5)
        let flat = try #require(planned(["decay_lr": "false", "max_iters": "5000"]))
        #expect(flat.shape == .constant)
        let lit = try #require(planned(["train.lr_warmup_steps": "2000", "train.max_steps": "100000", "train.min_lr": "4e-5",
                                        "optimizer.lr": "4e-4"]))
        #expect(lit.shape == .cosine && lit.warmupEnd == 2000 && lit.end == 100000 && lit.floor == 4e-5)
    }

    @Test func sidecarCooldownAndSteps() throws {
        let wsd = try #require(planned(["lr_schedule": "wsd", "warmup_steps": "100", "cooldown_start": "0.8",
                                        "cooldown_shape": "linear"], steps: 5000))
        #expect(wsd.shape == .linear && wsd.decayStart == 4000 && wsd.floor == 0)
        let step = try #require(planned(["lr_schedule": "step", "step_milestones": "3000, 4500", "step_factor": "0.3"], steps: 5000))
        #expect(step.drops.map(\.at) == [3000, 4500] && step.drops.allSatisfy { $0.factor == 0.3 })
        #expect(abs(step.learningRate(at: 4000) - 0.3) < 1e-12 && abs(step.learningRate(at: 4600) - 0.09) < 1e-12)
        #expect(planned(["lr_schedule": "wsd"], steps: 5000) == nil, "a cooldown needs its start")
        #expect(planned(["learning_rate": "3e-4"], steps: 5000) == nil, "a peak alone plans nothing")
    }

    /// A sidecar outranks a framework's config through the merged hyperparameters.
    @Test func runMetadataCarriesTheSchedule() throws {
        let config = RunMetadata(plannedSteps: 1000, hyperparameters: ["lr_scheduler_type": "cosine", "warmup_steps": "100"])
        let sidecar = RunMetadata(hyperparameters: ["lr_schedule": "wsd", "cooldown_start": "900"])
        let merged = sidecar.filled(from: config)
        let planned = try #require(merged.plannedSchedule)
        #expect(planned.schedule.shape == .linear && planned.schedule.decayStart == 900)
        #expect(planned.source.contains("lr_schedule") && planned.source.contains("cooldown_start"))
    }
}
