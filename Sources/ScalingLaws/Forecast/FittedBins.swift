/// A curve's points as the forecast's grid fits them: each point on its own (weight 1) up to
/// `maximum` points, else the means of bins of consecutive points, each weighted by its
/// count (`LearningCurveForecastInput.maximumFittedPoints` says why).
struct FittedBins {
    var x: [Double]
    var loss: [Double]
    var weight: [Double]
    /// Whether points were averaged.
    var isBinned: Bool

    init(x: [Double], loss: [Double], maximum: Int) {
        let count = x.count
        guard count > maximum, maximum > 0 else {
            self.x = x
            self.loss = loss
            weight = [Double](repeating: 1, count: count)
            isBinned = false
            return
        }
        // Bins of ⌈count / maximum⌉ consecutive points; the last holds what is left.
        var xs: [Double] = [], ls: [Double] = [], ws: [Double] = []
        xs.reserveCapacity(maximum)
        ls.reserveCapacity(maximum)
        ws.reserveCapacity(maximum)
        let size = (count + maximum - 1) / maximum
        var first = 0
        while first < count {
            let end = min(count, first + size)
            var sx = 0.0, sl = 0.0
            for i in first..<end {
                sx += x[i]
                sl += loss[i]
            }
            let n = Double(end - first)
            xs.append(sx / n)
            ls.append(sl / n)
            ws.append(n)
            first = end
        }
        self.x = xs
        self.loss = ls
        weight = ws
        isBinned = true
    }
}
