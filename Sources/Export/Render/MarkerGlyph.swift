/// Marker outlines centred on a point, sized so every shape looks about as heavy as a
/// circle of diameter `size`.
enum MarkerGlyph {
    static func path(_ shape: MarkerSet.Shape, at c: VectorPoint, size: Double) -> VectorPath {
        let r = size / 2
        switch shape {
        case .circle:
            var path = VectorPath()
            path.addCircle(center: c, radius: r)
            return path
        case .square:
            let s = r * 0.89
            return .rectangle(VectorRect(x: c.x - s, y: c.y - s, width: 2 * s, height: 2 * s))
        case .triangle:
            let s = r * 1.2
            return .polygon([VectorPoint(c.x, c.y - s), VectorPoint(c.x + s * 0.866, c.y + s * 0.5),
                             VectorPoint(c.x - s * 0.866, c.y + s * 0.5)])
        case .diamond:
            let s = r * 1.2
            return .polygon([VectorPoint(c.x, c.y - s), VectorPoint(c.x + s, c.y), VectorPoint(c.x, c.y + s),
                             VectorPoint(c.x - s, c.y)])
        case .cross:
            let s = r * 0.8
            var path = VectorPath.polyline([VectorPoint(c.x - s, c.y - s), VectorPoint(c.x + s, c.y + s)])
            path.append(.polyline([VectorPoint(c.x - s, c.y + s), VectorPoint(c.x + s, c.y - s)]))
            return path
        case .plus:
            var path = VectorPath.polyline([VectorPoint(c.x - r, c.y), VectorPoint(c.x + r, c.y)])
            path.append(.polyline([VectorPoint(c.x, c.y - r), VectorPoint(c.x, c.y + r)]))
            return path
        }
    }

    /// Crosses and pluses are strokes only: they have no inside to fill.
    static func isOutlineOnly(_ shape: MarkerSet.Shape) -> Bool {
        shape == .cross || shape == .plus
    }
}
