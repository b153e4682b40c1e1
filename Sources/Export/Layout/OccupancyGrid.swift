/// Where the data is drawn inside the plot, as a grid of 2-point cells: lines (with their
/// width), markers (with their size) and the insides of bands. A summed-area table answers
/// "how much data lies under this box" in constant time, so the legend, insets and
/// annotations can try hundreds of positions and take one that covers none.
struct OccupancyGrid {
    static let cell = 2.0

    let area: VectorRect
    let columns: Int
    let rows: Int
    private var filled: [Bool]
    /// (columns + 1) × (rows + 1) prefix sums of `filled`.
    private var sums: [Int32] = []

    init(layers: [FigureLayer], mapping: PlotMapping, markerScale: Double) {
        area = mapping.plot
        columns = max(1, Int((area.width / OccupancyGrid.cell).rounded(.up)))
        rows = max(1, Int((area.height / OccupancyGrid.cell).rounded(.up)))
        filled = [Bool](repeating: false, count: columns * rows)
        for layer in layers {
            switch layer {
            case .line(let s):
                for run in mapping.segments(s.points) { mark(polyline: run, radius: s.width / 2 + 0.5) }
            case .markers(let m):
                for p in m.points.compactMap(mapping.point) { mark(disc: p, radius: m.size * markerScale * 0.6 + 0.75) }
            case .band(let b):
                fill(band: mapping.segments(b.lower).flatMap { $0 }, mapping.segments(b.upper).flatMap { $0 })
            case .annotation(let a):
                if a.marksPoint, let p = mapping.point(a.at) { mark(disc: p, radius: 2.5) }
            }
        }
        summarise()
    }

    /// Cells of data under `rect` (page points; the part outside the plot counts as empty).
    func coverage(_ rect: VectorRect) -> Int {
        let c0 = max(0, Int(((rect.x - area.x) / OccupancyGrid.cell).rounded(.down)))
        let r0 = max(0, Int(((rect.y - area.y) / OccupancyGrid.cell).rounded(.down)))
        let c1 = min(columns, Int(((rect.maxX - area.x) / OccupancyGrid.cell).rounded(.up)))
        let r1 = min(rows, Int(((rect.maxY - area.y) / OccupancyGrid.cell).rounded(.up)))
        guard c1 > c0, r1 > r0 else { return 0 }
        let w = columns + 1
        return Int(sums[r1 * w + c1] - sums[r0 * w + c1] - sums[r1 * w + c0] + sums[r0 * w + c0])
    }

    private mutating func set(_ x: Double, _ y: Double) {
        guard x.isFinite, y.isFinite, x >= area.x, y >= area.y, x < area.maxX + OccupancyGrid.cell, y < area.maxY + OccupancyGrid.cell else { return }
        let c = Int(((x - area.x) / OccupancyGrid.cell).rounded(.down)), r = Int(((y - area.y) / OccupancyGrid.cell).rounded(.down))
        guard c >= 0, r >= 0, c < columns, r < rows else { return }
        filled[r * columns + c] = true
    }

    private mutating func mark(disc p: VectorPoint, radius: Double) {
        var y = p.y - radius
        while y <= p.y + radius {
            let half = max(0, radius * radius - (y - p.y) * (y - p.y)).squareRoot()
            var x = p.x - half
            while x <= p.x + half { set(x, y); x += OccupancyGrid.cell / 2 }
            set(p.x + half, y)
            y += OccupancyGrid.cell / 2
        }
        set(p.x, p.y + radius)
    }

    /// Every cell within `radius` of the line, sampled at half a cell along it.
    private mutating func mark(polyline points: [VectorPoint], radius: Double) {
        guard var previous = points.first else { return }
        mark(disc: previous, radius: radius)
        for p in points.dropFirst() {
            let dx = p.x - previous.x, dy = p.y - previous.y
            let length = (dx * dx + dy * dy).squareRoot()
            // Far outside the plot (a curve cut above its warm-up) nothing is marked anyway.
            let steps = min(4000, Int(length / (OccupancyGrid.cell / 2)))
            if steps > 0 {
                for s in 1...steps {
                    let t = Double(s) / Double(steps + 1)
                    let q = VectorPoint(previous.x + t * dx, previous.y + t * dy)
                    if q.x >= area.x - radius && q.x <= area.maxX + radius && q.y >= area.y - radius && q.y <= area.maxY + radius {
                        mark(disc: q, radius: radius)
                    }
                }
            }
            mark(disc: p, radius: radius)
            previous = p
        }
    }

    /// The region between two left-to-right edges, column by column.
    private mutating func fill(band lower: [VectorPoint], _ upper: [VectorPoint]) {
        guard lower.count > 1, upper.count > 1 else { return }
        func y(_ edge: [VectorPoint], at x: Double) -> Double? {
            guard let i = edge.indices.dropFirst().first(where: { edge[$0].x >= x }), edge[i - 1].x <= x else { return nil }
            let a = edge[i - 1], b = edge[i]
            return b.x > a.x ? a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x) : a.y
        }
        for c in 0..<columns {
            let x = area.x + (Double(c) + 0.5) * OccupancyGrid.cell
            guard let y0 = y(lower, at: x), let y1 = y(upper, at: x) else { continue }
            var yy = min(y0, y1)
            while yy <= max(y0, y1) { set(x, yy); yy += OccupancyGrid.cell / 2 }
        }
    }

    private mutating func summarise() {
        let w = columns + 1
        sums = [Int32](repeating: 0, count: w * (rows + 1))
        for r in 0..<rows {
            var rowSum: Int32 = 0
            for c in 0..<columns {
                rowSum += filled[r * columns + c] ? 1 : 0
                sums[(r + 1) * w + c + 1] = sums[r * w + c + 1] + rowSum
            }
        }
    }
}
