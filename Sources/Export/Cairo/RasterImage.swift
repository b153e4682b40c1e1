import CCairo

/// A decoded PNG (through cairo's reader), for comparing a rendered figure with a stored
/// one pixel by pixel.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Premultiplied ARGB, one UInt32 per pixel, rows top to bottom.
    public let pixels: [UInt32]

    /// Nil when the bytes are not a PNG cairo can read, or cairo cannot be loaded.
    public init?(png bytes: [UInt8], cairo: CairoLibrary? = nil) {
        guard let cairo = cairo ?? (try? CairoLibrary.shared.get()) else { return nil }
        let c = cairo.c
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
            c.cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())
        }
        defer { c.cairo_surface_destroy(surface) }
        guard c.cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        c.cairo_surface_flush(surface)
        let format = c.cairo_image_surface_get_format(surface)
        width = Int(c.cairo_image_surface_get_width(surface))
        height = Int(c.cairo_image_surface_get_height(surface))
        let stride = Int(c.cairo_image_surface_get_stride(surface))
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24, let data = c.cairo_image_surface_get_data(surface) else {
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
    /// nil when the sizes differ. With `shiftTolerance` n, a pixel only counts when no pixel
    /// of `other` within n pixels of it is close: text placed a fraction of a pixel
    /// differently (font metrics rounded another way under another load) then does not
    /// count, while a label or a line that is missing still does.
    public func fractionDiffering(from other: RasterImage, threshold: UInt32, shiftTolerance: Int = 0) -> Double? {
        guard width == other.width, height == other.height else { return nil }
        guard shiftTolerance > 0 else { return oneWayFraction(other, threshold, 0) }
        // Both ways: a label that disappeared leaves blank pixels with blank neighbours in the
        // old image too, so only the old image's ink, looked for in the new one, shows it.
        return max(oneWayFraction(other, threshold, shiftTolerance), other.oneWayFraction(self, threshold, shiftTolerance))
    }

    private func oneWayFraction(_ other: RasterImage, _ threshold: UInt32, _ shiftTolerance: Int) -> Double {
        func close(_ a: UInt32, _ b: UInt32) -> Bool {
            if a == b { return true }
            for shift in stride(from: 0, through: 24, by: 8) {
                let ca = (a >> UInt32(shift)) & 0xFF, cb = (b >> UInt32(shift)) & 0xFF
                if (ca > cb ? ca - cb : cb - ca) > threshold { return false }
            }
            return true
        }
        var differing = 0
        for y in 0..<height {
            for x in 0..<width {
                let a = pixels[y * width + x]
                if close(a, other.pixels[y * width + x]) { continue }
                var matched = false
                if shiftTolerance > 0 {
                    search: for dy in -shiftTolerance...shiftTolerance {
                        for dx in -shiftTolerance...shiftTolerance {
                            let (nx, ny) = (x + dx, y + dy)
                            guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                            if close(a, other.pixels[ny * width + nx]) { matched = true; break search }
                        }
                    }
                }
                if !matched { differing += 1 }
            }
        }
        return pixels.isEmpty ? 0 : Double(differing) / Double(pixels.count)
    }
}
