import Charts

/// Data coordinates → page points inside the plot rectangle.
public struct PlotMapping: Sendable {
    public var plot: VectorRect
    public var x: Scale
    public var y: Scale

    /// Nil when the point cannot be shown (≤ 0 on a log axis, not finite).
    public func point(_ p: DataPoint) -> VectorPoint? {
        guard let fx = x.fraction(p.x), let fy = y.fraction(p.y) else { return nil }
        return VectorPoint(plot.x + fx * plot.width, plot.maxY - fy * plot.height)
    }

    /// The points as runs of drawable points: a point a log axis cannot show breaks the line
    /// rather than joining its neighbours across the gap.
    public func segments(_ points: [DataPoint]) -> [[VectorPoint]] {
        var runs: [[VectorPoint]] = []
        var current: [VectorPoint] = []
        for p in points {
            if let v = point(p) { current.append(v) } else if !current.isEmpty { runs.append(current); current = [] }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
