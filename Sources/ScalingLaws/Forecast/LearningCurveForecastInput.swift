/// A partial loss curve and where the run is planned to end: what a forecast needs.
public struct LearningCurveForecastInput: Sendable {
    /// The x of each point: optimiser steps or tokens, increasing. The planned end and the
    /// schedule are in the same unit.
    public var x: [Double]
    /// Loss at each point (nats/token); validation loss if the log has it.
    public var loss: [Double]
    /// Learning rate at each point, when the log has it: without a planned schedule, the
    /// rest of the schedule is inferred from it where it can be.
    public var learningRate: [Double]?
    /// The schedule the run's configuration plans (HF, Megatron, torchtitan, nanoGPT, litgpt
    /// keys or the sidecar), when it says; it outranks what the logged rates suggest.
    public var schedule: LearningRateSchedule?
    public var plannedEnd: Double
    /// The study's irreducible loss, when fitted: no forecast goes below it.
    public var floor: LossFloor?
    /// Central probability of the prediction interval, e.g. 0.8.
    public var level: Double
    /// Multiplies the interval's half-widths: 1, or a split-conformal factor measured on
    /// finished runs of the same study (`ForecastCalibration`, methods.md §5.2 step 5).
    public var calibrationFactor: Double
    /// Points of the sampled forecast curve, from the last observed x to the planned end.
    public var curvePoints: Int
    /// The forecaster's prior and constants (tuned once, on the benchmark's tuning set).
    public var prior: ForecastPrior
    /// The grid is fitted on at most this many points: a longer curve's points are averaged
    /// in bins of consecutive points, each bin weighted by its count. Every grid cell is a
    /// linear fit, so the weighted fit to bin means has nearly the estimates and residual
    /// sums of the fit to every point (exactly, for a law straight within a bin); one
    /// point's noise, what the final loss carries, is still measured on every point.
    /// Without it a forecast's cost grew with the run's length: about 2 s of CPU at 100,000
    /// points, and the dashboard forecasts up to 200 runs (issue 16). Curves up to this
    /// length, every curve the forecast benchmark scores, are fitted point by point. At
    /// least `LearningCurveForecaster.minimumFittedPoints` whatever is set.
    public var maximumFittedPoints = 2048

    public init(x: [Double], loss: [Double], learningRate: [Double]? = nil, schedule: LearningRateSchedule? = nil,
                plannedEnd: Double, floor: LossFloor? = nil, level: Double = 0.8, calibrationFactor: Double = 1,
                curvePoints: Int = 40, prior: ForecastPrior = .standard) {
        self.x = x
        self.loss = loss
        self.learningRate = learningRate
        self.schedule = schedule
        self.plannedEnd = plannedEnd
        self.floor = floor
        self.level = level
        self.calibrationFactor = calibrationFactor
        self.curvePoints = curvePoints
        self.prior = prior
    }
}

/// A lower bound on any loss the run can reach: the study's fitted irreducible loss, or 0.
public struct LossFloor: Sendable, Equatable {
    public var value: Double
    /// Where it comes from, for the table and the panel ("E of this study's Approach 3 fit").
    public var source: String

    public init(value: Double, source: String) {
        self.value = value
        self.source = source
    }

    /// A loss in nats per token is never negative.
    public static let zero = LossFloor(value: 0, source: "0 (a loss is never negative)")
}
