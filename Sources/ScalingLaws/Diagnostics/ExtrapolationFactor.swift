extension ClosedRange where Bound == Double {
    /// How many times `x` lies beyond this fitted range (above the top or below the bottom),
    /// for the "extrapolating ×k beyond" badges; nil inside it.
    public func extrapolationFactor(of x: Double) -> Double? {
        x > upperBound ? x / upperBound : x < lowerBound ? lowerBound / x : nil
    }
}
