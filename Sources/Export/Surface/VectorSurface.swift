/// What the figure painter draws on. Two implementations, one drawing routine: the SVG
/// writer and the cairo surface (PDF, PNG) receive the same calls, so the figures match.
public protocol VectorSurface: AnyObject {
    /// The page size in points and its background.
    func begin(width: Double, height: Double, background: FigureColor)
    func fill(_ path: VectorPath, style: FillStyle)
    func stroke(_ path: VectorPath, style: StrokeStyle)
    func text(_ text: String, at point: VectorPoint, style: TextStyle)
    /// Later drawing is clipped to `rect` until the matching `popClip`.
    func pushClip(_ rect: VectorRect)
    func popClip()
    /// Drawing until the matching `endGroup` belongs together: the plot's data, the legend,
    /// one label set in several spans. SVG writes a `<g>` (with `id` when given), which
    /// Inkscape shows as a layer and tests read; other surfaces ignore it.
    func beginGroup(_ id: String?)
    func endGroup()
    func end()
}

extension VectorSurface {
    public func beginGroup(_ id: String?) {}
    public func endGroup() {}
}

/// The widths and heights the layout needs, from the font the surfaces will use.
public protocol TextMeasurer {
    /// The advance width of `text` in points.
    func width(of text: String, size: Double, bold: Bool) -> Double
    /// Height above the baseline of capitals and digits, in points: what labels are centred on.
    func capHeight(size: Double) -> Double
}
