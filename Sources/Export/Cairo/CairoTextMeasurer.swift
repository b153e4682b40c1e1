import CCairo

/// Measures text with the font the cairo backend draws with, so the layout leaves exactly
/// the room the PDF and PNG labels take (the SVG names the same font first).
public final class CairoTextMeasurer: TextMeasurer {
    private let surface: OpaquePointer
    private let context: OpaquePointer

    public init() {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        context = cairo_create(surface)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    public func width(of text: String, size: Double, bold: Bool) -> Double {
        CairoSurface.selectFont(context, size: size, bold: bold)
        return CairoSurface.advance(context, text)
    }

    public func capHeight(size: Double) -> Double {
        CairoSurface.selectFont(context, size: size, bold: false)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, "H", &extents)
        return -extents.y_bearing
    }
}
