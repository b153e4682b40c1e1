/// Lines and polygons cut at a rectangle's edges. The painter clips data to the plot by
/// geometry rather than only by a clip path: the SVG then holds no coordinates outside the
/// plot (smaller files; tools that drop clip paths, and tests reading the file, see what is
/// drawn), and a loss curve's warm-up far above the axes costs nothing.
enum RectClipping {
    /// The parts of the polyline inside `rect` (Liang–Barsky on each segment), as runs.
    static func polyline(_ points: [VectorPoint], in rect: VectorRect) -> [[VectorPoint]] {
        var runs: [[VectorPoint]] = []
        var current: [VectorPoint] = []
        func finish() { if current.count > 1 { runs.append(current) }; current = [] }
        if points.count == 1, rect.contains(points[0]) { return [points] }
        for (a, b) in zip(points, points.dropFirst()) {
            guard let (p, q) = segment(a, b, in: rect) else { finish(); continue }
            if let last = current.last, last == p {
                current.append(q)
            } else {
                finish()
                current = [p, q]
            }
            if q != b { finish() }
        }
        finish()
        return runs
    }

    /// The part of segment a–b inside `rect`, or nil.
    static func segment(_ a: VectorPoint, _ b: VectorPoint, in rect: VectorRect) -> (VectorPoint, VectorPoint)? {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - rect.x), (dx, rect.maxX - a.x), (-dy, a.y - rect.y), (dy, rect.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        let start = t0 == 0 ? a : VectorPoint(a.x + t0 * dx, a.y + t0 * dy)
        let end = t1 == 1 ? b : VectorPoint(a.x + t1 * dx, a.y + t1 * dy)
        return (start, end)
    }

    /// The polygon cut to `rect` (Sutherland–Hodgman; a band is one simple polygon).
    static func polygon(_ points: [VectorPoint], in rect: VectorRect) -> [VectorPoint] {
        var out = points
        let edges: [(VectorPoint) -> Bool] = [{ $0.x >= rect.x }, { $0.x <= rect.maxX }, { $0.y >= rect.y }, { $0.y <= rect.maxY }]
        let crossings: [(VectorPoint, VectorPoint) -> VectorPoint] = [
            { a, b in cut(a, b, x: rect.x) }, { a, b in cut(a, b, x: rect.maxX) },
            { a, b in cut(a, b, y: rect.y) }, { a, b in cut(a, b, y: rect.maxY) },
        ]
        for (inside, crossing) in zip(edges, crossings) {
            guard let last = out.last else { return [] }
            var next: [VectorPoint] = []
            var previous = last
            for p in out {
                if inside(p) {
                    if !inside(previous) { next.append(crossing(previous, p)) }
                    next.append(p)
                } else if inside(previous) {
                    next.append(crossing(previous, p))
                }
                previous = p
            }
            out = next
        }
        return out
    }

    private static func cut(_ a: VectorPoint, _ b: VectorPoint, x: Double) -> VectorPoint {
        let t = b.x == a.x ? 0 : (x - a.x) / (b.x - a.x)
        return VectorPoint(x, a.y + t * (b.y - a.y))
    }

    private static func cut(_ a: VectorPoint, _ b: VectorPoint, y: Double) -> VectorPoint {
        let t = b.y == a.y ? 0 : (y - a.y) / (b.y - a.y)
        return VectorPoint(a.x + t * (b.x - a.x), y)
    }
}
