import CCairo

/// Measures text as cairo draws it, with whatever font fontconfig finds for DejaVu Sans. The
/// layout measures with `DejaVuSansMetrics` instead (no cairo needed, the same on every
/// machine); this one is the oracle the tests check those metrics against.
public final class CairoTextMeasurer: TextMeasurer {
    private let cairo: CairoLibrary
    private let surface: OpaquePointer
    private let context: OpaquePointer

    /// Nil when cairo cannot create a surface.
    public init?(cairo: CairoLibrary) {
        let c = cairo.c
        guard let surface = c.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1) else { return nil }
        guard let context = c.cairo_create(surface) else {
            c.cairo_surface_destroy(surface)
            return nil
        }
        self.cairo = cairo
        self.surface = surface
        self.context = context
        CairoSurface.useUnhintedMetrics(context, cairo: cairo)
    }

    deinit {
        cairo.c.cairo_destroy(context)
        cairo.c.cairo_surface_destroy(surface)
    }

    public func width(of text: String, size: Double, bold: Bool) -> Double {
        CairoSurface.selectFont(context, size: size, bold: bold, cairo: cairo)
        return CairoSurface.advance(context, text, cairo: cairo)
    }

    public func capHeight(size: Double) -> Double {
        CairoSurface.selectFont(context, size: size, bold: false, cairo: cairo)
        var extents = cairo_text_extents_t()
        cairo.c.cairo_text_extents(context, "H", &extents)
        return -extents.y_bearing
    }
}
