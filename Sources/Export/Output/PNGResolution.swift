/// The resolution a PNG should print at, in its pHYs chunk (PNG spec §11.3.5.3): without
/// one, Word, LibreOffice and LaTeX assume 72 or 96 dpi and place a 300-dpi figure four
/// times too large. cairo writes none, so it is added to the encoded file.
enum PNGResolution {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// `png` with a pHYs chunk saying `dotsPerInch` (any existing one replaced), right after
    /// IHDR as the spec requires (before IDAT); nil when `png` is not a PNG.
    static func setting(dotsPerInch: Double, in png: [UInt8]) -> [UInt8]? {
        guard png.count >= 33, Array(png[0..<8]) == signature, chunkType(png, at: 8) == "IHDR",
              dotsPerInch.isFinite, dotsPerInch > 0 else { return nil }
        let perMetre = UInt32(min(Double(UInt32.max), (dotsPerInch / 0.0254).rounded()))
        var body = bigEndian(perMetre) + bigEndian(perMetre)
        body.append(1)   // unit: metre
        let ihdrEnd = 8 + 12 + Int(length(png, at: 8))
        var out = Array(png[0..<ihdrEnd]) + chunk("pHYs", body)
        var offset = ihdrEnd
        while offset + 12 <= png.count {
            let end = offset + 12 + Int(length(png, at: offset))
            guard end <= png.count else { return nil }
            if chunkType(png, at: offset) != "pHYs" { out += png[offset..<end] }
            offset = end
        }
        return out
    }

    /// The pHYs chunk's pixels per metre on x and y and its unit, for tests; nil without one.
    static func read(_ png: [UInt8]) -> (x: UInt32, y: UInt32, unit: UInt8)? {
        var offset = 8
        while offset + 12 <= png.count {
            let n = Int(length(png, at: offset))
            if chunkType(png, at: offset) == "pHYs", n == 9, offset + 17 <= png.count {
                return (readUInt32(png, offset + 8), readUInt32(png, offset + 12), png[offset + 16])
            }
            offset += 12 + n
        }
        return nil
    }

    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(body.count)) + typeBytes + body + bigEndian(CRC32.checksum(typeBytes + body))
    }

    private static func length(_ png: [UInt8], at offset: Int) -> UInt32 { readUInt32(png, offset) }

    private static func chunkType(_ png: [UInt8], at offset: Int) -> String {
        guard offset + 8 <= png.count else { return "" }
        return String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
    }

    private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}

/// CRC-32 (ISO 3309, the one PNG chunks carry). By hand rather than zlib's `crc32`: ten
/// lines here against one more shared library the installed binary would need.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
