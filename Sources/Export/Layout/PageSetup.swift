import Glibc

/// The page a figure is drawn on, as `--size`, `--dpi`, `--font-size`, `--no-title` and
/// `--no-caption` ask: each nil (or true) keeps what the figure had.
public struct PageSetup: Sendable, Equatable {
    public var size: FigureSize?
    public var dotsPerInch: Double?
    public var fontSize: Double?
    public var showsTitle: Bool
    public var showsCaption: Bool

    public init(size: FigureSize? = nil, dotsPerInch: Double? = nil, fontSize: Double? = nil,
                showsTitle: Bool = true, showsCaption: Bool = true) {
        self.size = size
        self.dotsPerInch = dotsPerInch
        self.fontSize = fontSize
        self.showsTitle = showsTitle
        self.showsCaption = showsCaption
    }

    /// The spec on this page. A spec without its own style keeps choosing type sizes from its
    /// page size unless a font size or a hidden title or caption needs a style written down.
    public func apply(to spec: inout FigureSpec) {
        if let size { spec.size = size }
        if let dotsPerInch { spec.pngScale = dotsPerInch / 72 }
        guard fontSize != nil || !showsTitle || !showsCaption else { return }
        var style = spec.style ?? .fitting(spec.size)
        if let fontSize {
            style.fontSize = fontSize
            style.titleSize = fontSize * 1.2
            style.captionSize = fontSize * 0.8
        }
        style.showsTitle = style.showsTitle && showsTitle
        style.showsCaption = style.showsCaption && showsCaption
        spec.style = style
    }

    /// Points per unit of the sizes `--size` takes.
    static let units: [(name: String, points: Double)] = [("in", 72), ("cm", 72 / 2.54), ("mm", 72 / 25.4), ("pt", 1)]

    /// "3.25x2.5in", "8.5 x 6 cm", "504x360pt": width and height, then a unit (in, cm, mm, pt).
    public static func parseSize(_ text: String) throws -> FigureSize {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        guard let unit = units.first(where: { compact.hasSuffix($0.name) }) else { throw PageSetupError.size(text) }
        let sides = compact.dropLast(unit.name.count).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "x" || $0 == "×" })
        guard sides.count == 2, let w = Double(sides[0]), let h = Double(sides[1]), w.isFinite, h.isFinite else {
            throw PageSetupError.size(text)
        }
        let size = FigureSize(width: w * unit.points, height: h * unit.points)
        guard (36...3600).contains(size.width), (36...3600).contains(size.height) else { throw PageSetupError.sizeRange(text) }
        return size
    }

    /// Throws unless the PNG (`dotsPerInch` over `size`) stays within cairo's 32,767 pixels a side.
    public static func checkPixels(_ size: FigureSize, dotsPerInch: Double) throws {
        let longest = max(size.width, size.height) * dotsPerInch / 72
        guard longest <= 32767 else { throw PageSetupError.tooManyPixels(Int(longest.rounded())) }
    }
}

public enum PageSetupError: Error, Equatable, CustomStringConvertible {
    case size(String)
    case sizeRange(String)
    case tooManyPixels(Int)

    public var description: String {
        switch self {
        case .size(let text):
            return "--size '\(text)' is not a size; give width x height and a unit: 3.25x2.5in, 8.5x6cm, 90x65mm or 504x360pt"
        case .sizeRange(let text):
            return "--size '\(text)': each side must be between 0.5 and 50 inches"
        case .tooManyPixels(let pixels):
            return "the PNG would be \(pixels) pixels on its longer side; at most 32767 fit: lower --dpi or --size"
        }
    }
}
