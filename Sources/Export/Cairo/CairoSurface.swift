import CCairo
import Glibc

/// The cairo backend of `VectorSurface`: the same calls as the SVG writer, onto a cairo
/// context that targets a PDF or an image surface. Text uses cairo's toy API with DejaVu
/// Sans: figures need a handful of labels, not Pango's shaping.
public final class CairoSurface: VectorSurface {
    private let context: OpaquePointer
    private let cairo: CairoLibrary
    static let fontFamily = "DejaVu Sans"

    /// Draws through `context`, which the caller created and destroys.
    init(context: OpaquePointer, cairo: CairoLibrary) {
        self.context = context
        self.cairo = cairo
    }

    public func begin(width: Double, height: Double, background: FigureColor) {
        setColor(background, opacity: 1)
        cairo.c.cairo_rectangle(context, 0, 0, width, height)
        cairo.c.cairo_fill(context)
    }

    public func fill(_ path: VectorPath, style: FillStyle) {
        guard !path.isEmpty else { return }
        trace(path)
        setColor(style.color, opacity: style.opacity)
        cairo.c.cairo_fill(context)
    }

    public func stroke(_ path: VectorPath, style: StrokeStyle) {
        guard !path.isEmpty else { return }
        let c = cairo.c
        trace(path)
        setColor(style.color, opacity: style.opacity)
        c.cairo_set_line_width(context, style.width)
        c.cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        c.cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        style.dash.withUnsafeBufferPointer { c.cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
        c.cairo_stroke(context)
        c.cairo_set_dash(context, nil, 0, 0)
    }

    public func text(_ text: String, at point: VectorPoint, style: TextStyle) {
        let c = cairo.c
        c.cairo_save(context)
        CairoSurface.selectFont(context, size: style.size, bold: style.bold, cairo: cairo)
        let width = CairoSurface.advance(context, text, cairo: cairo)
        c.cairo_translate(context, point.x, point.y)
        if style.rotation != 0 { c.cairo_rotate(context, -style.rotation * Double.pi / 180) }
        let dx: Double
        switch style.anchor {
        case .start: dx = 0
        case .middle: dx = -width / 2
        case .end: dx = -width
        }
        c.cairo_move_to(context, dx, 0)
        setColor(style.color, opacity: 1)
        c.cairo_show_text(context, text)
        c.cairo_restore(context)
    }

    public func pushClip(_ rect: VectorRect) {
        cairo.c.cairo_save(context)
        cairo.c.cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo.c.cairo_clip(context)
    }

    public func popClip() {
        cairo.c.cairo_restore(context)
    }

    public func end() {
        cairo.c.cairo_surface_flush(cairo.c.cairo_get_target(context))
    }

    private func setColor(_ color: FigureColor, opacity: Double) {
        let rgb = color.unitComponents
        cairo.c.cairo_set_source_rgba(context, rgb.red, rgb.green, rgb.blue, opacity)
    }

    private func trace(_ path: VectorPath) {
        let c = cairo.c
        c.cairo_new_path(context)
        for element in path.elements {
            switch element {
            case .move(let p): c.cairo_move_to(context, p.x, p.y)
            case .line(let p): c.cairo_line_to(context, p.x, p.y)
            case .circle(let center, let r):
                c.cairo_new_sub_path(context)
                c.cairo_arc(context, center.x, center.y, r, 0, 2 * Double.pi)
                c.cairo_close_path(context)
            case .close: c.cairo_close_path(context)
            }
        }
    }

    /// Glyphs at their exact (unhinted) advances, so text spans the width the layout
    /// measured with DejaVu Sans's metrics, at any scale.
    static func useUnhintedMetrics(_ context: OpaquePointer, cairo: CairoLibrary) {
        let c = cairo.c
        guard let options = c.cairo_font_options_create() else { return }
        c.cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        c.cairo_set_font_options(context, options)
        c.cairo_font_options_destroy(options)
    }

    static func selectFont(_ context: OpaquePointer, size: Double, bold: Bool, cairo: CairoLibrary) {
        cairo.c.cairo_select_font_face(context, fontFamily, CAIRO_FONT_SLANT_NORMAL,
                                       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo.c.cairo_set_font_size(context, size)
    }

    static func advance(_ context: OpaquePointer, _ text: String, cairo: CairoLibrary) -> Double {
        var extents = cairo_text_extents_t()
        cairo.c.cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }
}
