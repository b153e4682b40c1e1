import CCairo
import Glibc

/// A figure as PDF or PNG bytes, drawn by the same painter as the SVG onto cairo surfaces.
/// Both throw `CairoUnavailable` when cairo cannot be loaded.
public enum CairoRenderer {
    /// A one-page PDF of the spec's size in points, text kept as text (DejaVu Sans subset
    /// embedded). With `sourceDateEpoch` (seconds since 1970, from SOURCE_DATE_EPOCH) the
    /// creation and modification dates are that moment instead of now, so the same figure
    /// gives a byte-identical file.
    public static func pdf(_ spec: FigureSpec, sourceDateEpoch: Int? = nil, measurer: TextMeasurer = DejaVuSansMetrics(),
                           cairo: CairoLibrary? = nil) throws -> [UInt8] {
        let cairo = try cairo ?? CairoLibrary.shared.get()
        let c = cairo.c
        try FigureSizeError.check(spec.size, pngScale: 1)
        let sink = CairoByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface = c.cairo_pdf_surface_create_for_stream(CairoByteSink.write, closure, spec.size.width, spec.size.height)
        defer { c.cairo_surface_destroy(surface) }
        // The title shows in viewers' window bars and in pdfinfo; the caption says where the data came from.
        c.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, spec.figure.title)
        c.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, spec.figure.caption)
        c.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "scaletop")
        if let seconds = sourceDateEpoch {
            let date = SourceDateEpoch.iso8601(seconds)
            c.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
            c.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)
        }
        try draw(spec, on: surface, scale: 1, measurer: measurer, cairo: cairo, what: "draw the PDF")
        c.cairo_surface_finish(surface)
        let status = c.cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoRenderError("finish the PDF", status, cairo: cairo) }
        return withExtendedLifetime(sink) { sink.bytes }
    }

    /// A PNG of `size × pngScale` pixels (rounded), antialiased, on the palette's background,
    /// with its resolution (72 × pngScale dots per inch) in a pHYs chunk, so a word processor
    /// or LaTeX places it at the size in points it was drawn for.
    public static func png(_ spec: FigureSpec, measurer: TextMeasurer = DejaVuSansMetrics(),
                           cairo: CairoLibrary? = nil) throws -> [UInt8] {
        let cairo = try cairo ?? CairoLibrary.shared.get()
        let c = cairo.c
        try FigureSizeError.check(spec.size, pngScale: spec.pngScale)
        let pixels = pixelSize(spec)
        let surface = c.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixels.width), Int32(pixels.height))
        defer { c.cairo_surface_destroy(surface) }
        try draw(spec, on: surface, scale: spec.pngScale, measurer: measurer, cairo: cairo, what: "draw the PNG")
        let sink = CairoByteSink()
        let status = c.cairo_surface_write_to_png_stream(surface, CairoByteSink.write, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoRenderError("encode the PNG", status, cairo: cairo) }
        let bytes = withExtendedLifetime(sink) { sink.bytes }
        return PNGResolution.setting(dotsPerInch: 72 * spec.pngScale, in: bytes) ?? bytes
    }

    /// Call after `FigureSizeError.check`: the conversion to Int traps on a non-finite size.
    public static func pixelSize(_ spec: FigureSpec) -> (width: Int, height: Int) {
        (max(1, Int((spec.size.width * spec.pngScale).rounded())), max(1, Int((spec.size.height * spec.pngScale).rounded())))
    }

    private static func draw(_ spec: FigureSpec, on surface: OpaquePointer?, scale: Double,
                             measurer: TextMeasurer, cairo: CairoLibrary, what: String) throws {
        let c = cairo.c
        let surfaceStatus = c.cairo_surface_status(surface)
        guard surfaceStatus == CAIRO_STATUS_SUCCESS, let context = c.cairo_create(surface) else {
            throw CairoRenderError("create a surface to \(what)", surfaceStatus, cairo: cairo)
        }
        defer { c.cairo_destroy(context) }
        c.cairo_scale(context, scale, scale)
        CairoSurface.useUnhintedMetrics(context, cairo: cairo)
        spec.painter.paint(on: CairoSurface(context: context, cairo: cairo), measurer: measurer)
        let status = c.cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoRenderError(what, status, cairo: cairo) }
    }
}
