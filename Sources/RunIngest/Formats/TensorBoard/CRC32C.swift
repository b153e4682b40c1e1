/// CRC-32C (Castagnoli), the checksum TFRecord framing uses, and TensorFlow's masked form.
///
/// Written here rather than taken from a package: neither swift-protobuf nor anything else
/// scaletop may depend on offers CRC-32C (Foundation and zlib only have the IEEE CRC-32,
/// a different polynomial). A byte-at-a-time table is fast enough: the reader checks each
/// record once, and event files grow by kilobytes per flush.
public enum CRC32C {
    /// Reflected Castagnoli polynomial.
    static let polynomial: UInt32 = 0x82F6_3B78

    static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1
        }
        return crc
    }

    /// The CRC-32C of `bytes` (initial value and final XOR 0xFFFFFFFF).
    public static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { checksum($0) }
    }

    /// TensorFlow's mask (`crc32c::Mask`, the same as LevelDB's): rotate right by 15 and add
    /// a constant, so that a CRC stored inside checksummed data does not checksum to itself.
    public static func mask(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    /// The masked CRC-32C of `bytes`, as stored in a TFRecord.
    public static func masked(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        mask(checksum(bytes))
    }
}
