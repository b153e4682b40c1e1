import CCRC32C

/// CRC-32C (Castagnoli), the checksum TFRecord framing uses, and TensorFlow's masked form.
///
/// Computed in C (`CCRC32C`): with SSE4.2's crc32 instruction where the processor has it,
/// slicing-by-8 tables elsewhere. Every record of an event file is checksummed twice (its
/// length and its data), and a byte-at-a-time table in Swift was 6% of loading a large
/// event file. Neither swift-protobuf nor anything else scaletop may depend on offers
/// CRC-32C (Foundation and zlib only have the IEEE CRC-32, a different polynomial).
public enum CRC32C {
    /// The CRC-32C of `bytes` (initial value and final XOR 0xFFFFFFFF).
    public static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return scaletop_crc32c(0, base, bytes.count)
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { checksum($0) }
    }

    /// The table-driven checksum alone, whatever the processor has (to test one against the other).
    static func portableChecksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return scaletop_crc32c_portable(0, base, bytes.count)
    }

    /// Whether `checksum` uses the processor's crc32 instruction.
    static var usesHardware: Bool { scaletop_crc32c_is_hardware() != 0 }

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
