/// TensorBoard-style smoothing, done right for log axes: an exponential moving average
/// with bias correction (so the start of a curve is not dragged toward zero), computed on
/// the values as drawn, i.e. on log10(loss) when the y axis is logarithmic, so smoothing
/// does not bias a log-scaled curve upward the way averaging raw losses does.
public enum CurveSmoothing {
    /// Smooth `values` in place of their drawn coordinates. `strength` in 0..<1 is the
    /// weight of the past (0 = off, 0.99 = very smooth). Non-finite values are skipped and
    /// passed through.
    public static func debiasedEMA(_ values: [Double], strength: Double) -> [Double] {
        guard strength > 0, strength < 1 else { return values }
        var out = values
        var average = 0.0
        var weight = 0.0
        for i in values.indices where values[i].isFinite {
            average = strength * average + (1 - strength) * values[i]
            weight = strength * weight + (1 - strength)
            out[i] = average / weight
        }
        return out
    }
}
