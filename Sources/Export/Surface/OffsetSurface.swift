/// Forwards drawing to another surface shifted by (dx, dy): how an inset, laid out as a
/// page of its own, lands inside the main plot.
final class OffsetSurface: VectorSurface {
    private let base: VectorSurface
    private let dx: Double
    private let dy: Double

    init(_ base: VectorSurface, dx: Double, dy: Double) {
        self.base = base
        self.dx = dx
        self.dy = dy
    }

    /// The inset's own page: its background is the frame the main painter already drew.
    func begin(width: Double, height: Double, background: FigureColor) {}
    func end() {}

    func fill(_ path: VectorPath, style: FillStyle) { base.fill(shifted(path), style: style) }
    func stroke(_ path: VectorPath, style: StrokeStyle) { base.stroke(shifted(path), style: style) }
    func text(_ text: String, at point: VectorPoint, style: TextStyle) { base.text(text, at: shifted(point), style: style) }

    func pushClip(_ rect: VectorRect) {
        base.pushClip(VectorRect(x: rect.x + dx, y: rect.y + dy, width: rect.width, height: rect.height))
    }

    func popClip() { base.popClip() }
    func beginGroup(_ id: String?) { base.beginGroup(id) }
    func endGroup() { base.endGroup() }

    private func shifted(_ p: VectorPoint) -> VectorPoint { VectorPoint(p.x + dx, p.y + dy) }

    private func shifted(_ path: VectorPath) -> VectorPath {
        var out = VectorPath()
        for element in path.elements {
            switch element {
            case .move(let p): out.move(to: shifted(p))
            case .line(let p): out.line(to: shifted(p))
            case .circle(let c, let r): out.addCircle(center: shifted(c), radius: r)
            case .close: out.close()
            }
        }
        return out
    }
}
