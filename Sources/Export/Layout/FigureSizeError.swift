/// A page size no backend can draw: zero, negative or not a number, or a bitmap beyond
/// cairo's 32,767 pixels a side. Sizes come from `--width/--height` and spec files.
public struct FigureSizeError: Error, Equatable, CustomStringConvertible {
    public var size: FigureSize
    public var pngScale: Double

    /// Throws unless both sides are finite and positive and, at `pngScale`, at most 32,767 pixels.
    public static func check(_ size: FigureSize, pngScale: Double) throws {
        let sides = [size.width, size.height]
        guard sides.allSatisfy({ $0.isFinite && $0 >= 1 }), pngScale.isFinite, pngScale > 0,
              sides.allSatisfy({ $0 * pngScale <= 32767 }) else {
            throw FigureSizeError(size: size, pngScale: pngScale)
        }
    }

    public var description: String {
        "cannot draw a \(size.width) × \(size.height) pt figure at \(pngScale) px/pt: each side must be at least 1 pt, "
            + "and at most 32,767 pixels in a PNG"
    }
}
