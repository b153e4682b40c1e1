/// Ramer–Douglas–Peucker in page points: drops points that move the drawn line by less
/// than `tolerance`. At 0.1 pt nothing visible changes (a spike stays a spike, since it
/// moves the line by far more), while a 2,000-step loss curve shrinks to a few hundred
/// points: the difference between a 2 MB and a 100 KB SVG.
enum PolylineSimplifier {
    static func simplify(_ points: [VectorPoint], tolerance: Double) -> [VectorPoint] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack: [(Int, Int)] = [(0, points.count - 1)]
        let tolerance2 = tolerance * tolerance
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var farthest = first, farthestDistance = -1.0
            for i in (first + 1)..<last {
                let d = distance2(points[i], points[first], points[last])
                if d > farthestDistance { farthestDistance = d; farthest = i }
            }
            if farthestDistance > tolerance2 {
                keep[farthest] = true
                stack.append((first, farthest))
                stack.append((farthest, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    /// Squared distance from p to the segment a–b.
    private static func distance2(_ p: VectorPoint, _ a: VectorPoint, _ b: VectorPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        var t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0
        t = min(1, max(0, t))
        let ex = p.x - (a.x + t * dx), ey = p.y - (a.y + t * dy)
        return ex * ex + ey * ey
    }
}
