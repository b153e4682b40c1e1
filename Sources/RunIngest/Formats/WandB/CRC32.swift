/// CRC-32 as in IEEE 802.3, zlib and PNG (reflected polynomial 0xEDB88320, initial and final
/// XOR 0xFFFFFFFF). W&B's `.wandb` chunks are checked with this one, not LevelDB's masked
/// CRC-32C (wandb-core `CRCAlgoIEEE`; shared/log-formats.md §5.5).
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC of `bytes` continuing from `crc` (the CRC of what came before, 0 to start),
    /// so `update(update(0, a), b) == checksum(a + b)`, like zlib's `crc32(crc, buf, len)`.
    public static func update(_ crc: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var c = ~crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        }
        return ~c
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { update(0, $0) }
    }
}
