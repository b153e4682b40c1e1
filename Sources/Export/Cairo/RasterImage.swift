import CCairo

/// A decoded PNG (through cairo's reader), for comparing a rendered figure with a stored
/// one pixel by pixel.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Premultiplied ARGB, one UInt32 per pixel, rows top to bottom.
    public let pixels: [UInt32]

    /// Nil when the bytes are not a PNG cairo can read.
    public init?(png bytes: [UInt8]) {
        final class Source { var bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
        let source = Source(bytes)
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let source = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
            let n = Int(length)
            guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            source.bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress! + source.offset, count: n) }
            source.offset += n
            return CAIRO_STATUS_SUCCESS
        }
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        cairo_surface_flush(surface)
        let format = cairo_image_surface_get_format(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24, let data = cairo_image_surface_get_data(surface) else {
            return nil
        }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                pixels[y * width + x] = format == CAIRO_FORMAT_RGB24 ? row[x] | 0xFF00_0000 : row[x]
            }
        }
        self.pixels = pixels
    }

    /// The share of pixels where any channel differs by more than `threshold` (0...255), or
    /// nil when the sizes differ.
    public func fractionDiffering(from other: RasterImage, threshold: UInt32) -> Double? {
        guard width == other.width, height == other.height else { return nil }
        var differing = 0
        for (a, b) in zip(pixels, other.pixels) where a != b {
            for shift in stride(from: 0, through: 24, by: 8) {
                let ca = (a >> UInt32(shift)) & 0xFF, cb = (b >> UInt32(shift)) & 0xFF
                if (ca > cb ? ca - cb : cb - ca) > threshold { differing += 1; break }
            }
        }
        return pixels.isEmpty ? 0 : Double(differing) / Double(pixels.count)
    }
}
