import CCairo

/// cairo reported a failure; `what` names the step, `status` is cairo's own description.
public struct CairoRenderError: Error, CustomStringConvertible {
    public var what: String
    public var status: String

    init(_ what: String, _ status: cairo_status_t, cairo: CairoLibrary) {
        self.what = what
        self.status = cairo.describe(status)
    }

    public var description: String { "cairo could not \(what): \(status)" }
}
