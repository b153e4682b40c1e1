/// A partial loss curve and where the run is planned to end: what a forecast needs.
public struct LearningCurveForecastInput: Sendable {
    /// The x of each point: optimiser steps or tokens, increasing. The planned end is in the
    /// same unit.
    public var x: [Double]
    /// Loss at each point (nats/token); validation loss if the log has it.
    public var loss: [Double]
    /// Learning rate at each point, when the log has it: the forecast then infers the rest of
    /// the schedule and uses the LR-annealing law.
    public var learningRate: [Double]?
    public var plannedEnd: Double
    /// Central probability of the prediction interval, e.g. 0.8.
    public var level: Double
    /// Moving-block bootstrap replicates for parameter uncertainty (methods.md §5.2, 4a).
    public var bootstrapReplicates: Int
    public var seed: UInt64
    /// Multiplies the interval's half-widths: 1, or a split-conformal factor measured on
    /// finished runs of the same study (`ForecastCalibration`, methods.md §5.2 step 5).
    public var calibrationFactor: Double
    /// Points of the sampled forecast curve, from the last observed x to the planned end.
    public var curvePoints: Int

    public init(x: [Double], loss: [Double], learningRate: [Double]? = nil, plannedEnd: Double,
                level: Double = 0.8, bootstrapReplicates: Int = 200, seed: UInt64 = 0,
                calibrationFactor: Double = 1, curvePoints: Int = 40) {
        self.x = x
        self.loss = loss
        self.learningRate = learningRate
        self.plannedEnd = plannedEnd
        self.level = level
        self.bootstrapReplicates = bootstrapReplicates
        self.seed = seed
        self.calibrationFactor = calibrationFactor
        self.curvePoints = curvePoints
    }
}
