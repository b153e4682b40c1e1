import CCairo

/// A figure as PDF or PNG bytes, drawn by the same painter as the SVG onto cairo surfaces.
public enum CairoRenderer {
    /// A one-page PDF of the spec's size in points, text kept as text (DejaVu Sans subset embedded).
    public static func pdf(_ spec: FigureSpec, measurer: TextMeasurer = CairoTextMeasurer()) throws -> [UInt8] {
        try FigureSizeError.check(spec.size, pngScale: 1)
        let sink = CairoByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface = cairo_pdf_surface_create_for_stream(CairoByteSink.write, closure, spec.size.width, spec.size.height)
        // The title shows in viewers' window bars and in pdfinfo; the caption says where the data came from.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, spec.figure.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, spec.figure.caption)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "scaletop")
        try draw(spec, on: surface, scale: 1, measurer: measurer, what: "draw the PDF")
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoRenderError("finish the PDF", status) }
        return withExtendedLifetime(sink) { sink.bytes }
    }

    /// A PNG of `size × pngScale` pixels (rounded), antialiased, on the palette's background.
    public static func png(_ spec: FigureSpec, measurer: TextMeasurer = CairoTextMeasurer()) throws -> [UInt8] {
        try FigureSizeError.check(spec.size, pngScale: spec.pngScale)
        let pixels = pixelSize(spec)
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixels.width), Int32(pixels.height))
        defer { cairo_surface_destroy(surface) }
        try draw(spec, on: surface, scale: spec.pngScale, measurer: measurer, what: "draw the PNG")
        let sink = CairoByteSink()
        let status = cairo_surface_write_to_png_stream(surface, CairoByteSink.write, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoRenderError("encode the PNG", status) }
        return withExtendedLifetime(sink) { sink.bytes }
    }

    /// Call after `FigureSizeError.check`: the conversion to Int traps on a non-finite size.
    public static func pixelSize(_ spec: FigureSpec) -> (width: Int, height: Int) {
        (max(1, Int((spec.size.width * spec.pngScale).rounded())), max(1, Int((spec.size.height * spec.pngScale).rounded())))
    }

    private static func draw(_ spec: FigureSpec, on surface: OpaquePointer?, scale: Double,
                             measurer: TextMeasurer, what: String) throws {
        let surfaceStatus = cairo_surface_status(surface)
        guard surfaceStatus == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            throw CairoRenderError("create a surface to \(what)", surfaceStatus)
        }
        defer { cairo_destroy(context) }
        cairo_scale(context, scale, scale)
        spec.painter.paint(on: CairoSurface(context: context), measurer: measurer)
        let status = cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoRenderError(what, status) }
    }
}
