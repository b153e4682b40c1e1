import CCairo
import Glibc

/// The cairo backend of `VectorSurface`: the same calls as the SVG writer, onto a cairo
/// context that targets a PDF or an image surface. Text uses cairo's toy API with DejaVu
/// Sans: figures need a handful of labels, not Pango's shaping.
public final class CairoSurface: VectorSurface {
    private let context: OpaquePointer
    static let fontFamily = "DejaVu Sans"

    /// Draws through `context`, which the caller created and destroys.
    init(context: OpaquePointer) {
        self.context = context
    }

    public func begin(width: Double, height: Double, background: FigureColor) {
        setColor(background, opacity: 1)
        cairo_rectangle(context, 0, 0, width, height)
        cairo_fill(context)
    }

    public func fill(_ path: VectorPath, style: FillStyle) {
        guard !path.isEmpty else { return }
        trace(path)
        setColor(style.color, opacity: style.opacity)
        cairo_fill(context)
    }

    public func stroke(_ path: VectorPath, style: StrokeStyle) {
        guard !path.isEmpty else { return }
        trace(path)
        setColor(style.color, opacity: style.opacity)
        cairo_set_line_width(context, style.width)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        style.dash.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
        cairo_stroke(context)
        cairo_set_dash(context, nil, 0, 0)
    }

    public func text(_ text: String, at point: VectorPoint, style: TextStyle) {
        cairo_save(context)
        CairoSurface.selectFont(context, size: style.size, bold: style.bold)
        let width = CairoSurface.advance(context, text)
        cairo_translate(context, point.x, point.y)
        if style.rotation != 0 { cairo_rotate(context, -style.rotation * Double.pi / 180) }
        let dx: Double
        switch style.anchor {
        case .start: dx = 0
        case .middle: dx = -width / 2
        case .end: dx = -width
        }
        cairo_move_to(context, dx, 0)
        setColor(style.color, opacity: 1)
        cairo_show_text(context, text)
        cairo_restore(context)
    }

    public func pushClip(_ rect: VectorRect) {
        cairo_save(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
    }

    public func popClip() {
        cairo_restore(context)
    }

    public func end() {
        cairo_surface_flush(cairo_get_target(context))
    }

    private func setColor(_ color: FigureColor, opacity: Double) {
        let c = color.unitComponents
        cairo_set_source_rgba(context, c.red, c.green, c.blue, opacity)
    }

    private func trace(_ path: VectorPath) {
        cairo_new_path(context)
        for element in path.elements {
            switch element {
            case .move(let p): cairo_move_to(context, p.x, p.y)
            case .line(let p): cairo_line_to(context, p.x, p.y)
            case .circle(let c, let r):
                cairo_new_sub_path(context)
                cairo_arc(context, c.x, c.y, r, 0, 2 * Double.pi)
                cairo_close_path(context)
            case .close: cairo_close_path(context)
            }
        }
    }

    static func selectFont(_ context: OpaquePointer, size: Double, bold: Bool) {
        cairo_select_font_face(context, fontFamily, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    static func advance(_ context: OpaquePointer, _ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }
}
