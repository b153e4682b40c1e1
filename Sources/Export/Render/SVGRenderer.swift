/// A figure as an SVG document.
public enum SVGRenderer {
    public static func render(_ spec: FigureSpec, measurer: TextMeasurer = DejaVuSansMetrics()) -> String {
        let surface = SVGSurface()
        spec.painter.paint(on: surface, measurer: measurer)
        return surface.document
    }
}
