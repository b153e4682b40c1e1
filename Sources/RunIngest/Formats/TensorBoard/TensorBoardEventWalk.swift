/// The few fields of a TensorBoard `Event` that scalars need, read straight from its
/// protobuf bytes: wall time, step, and each summary value's tag, plugin name and
/// `simple_value`.
///
/// Written by hand beside the SwiftProtobuf messages (which stay the reference, and read
/// every event this walk declines) because decoding each event through the generic library
/// cost most of the time of loading a large event file: a copy of the record into `Data`,
/// an `Event`, a `Summary`, an array of values and a `String` per field, for three numbers.
/// The walk allocates nothing. It reads only what it can read exactly as SwiftProtobuf
/// would; anything else makes it return nil and the event goes to SwiftProtobuf, so
/// the results, and every error message, stay those of the generic decoder:
/// - malformed wire format (the decoder's error message is then the one reported);
/// - a oneof member given twice (protobuf merges or replaces; the library knows how),
///   and a message field given twice (merged);
/// - tensor values (TF2 / `new_style` scalars) and the hparams plugin's values;
/// - groups (wire types 3 and 4).
enum TensorBoardEventWalk {
    struct Header {
        var wallTime: Double = 0
        var step: Int64 = 0
        /// The bytes of the `summary` member, when that is what the event holds.
        var summary: UnsafeBufferPointer<UInt8>?
        /// The event is the file-version record every writer puts first.
        var isFileVersion = false
    }

    /// One `Summary.Value`, its strings still as (valid UTF-8) bytes.
    struct Value {
        var tag = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        /// Whether `metadata.plugin_data` is present, and its `plugin_name` ("" when absent).
        var hasPluginData = false
        var pluginName = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var simpleValue: Float?

        /// Whether the plugin data names the hparams plugin, whose values SwiftProtobuf reads.
        var namesHParams: Bool {
            hasPluginData && pluginName.elementsEqual("hparams".utf8)
        }
    }

    /// Event fields: wall_time = 1 (double), step = 2 (int64), oneof what { file_version = 3
    /// (string), summary = 5 }; others are not read (and are skipped, as the library skips them).
    static func header(_ event: UnsafeBufferPointer<UInt8>) -> Header? {
        var wire = ProtobufWire(event)
        var header = Header()
        var whatSeen = false
        while !wire.isAtEnd {
            guard let (field, type) = wire.key() else { return nil }
            switch field {
            case 1:
                guard type == 1, let bits = wire.fixed64() else { return nil }
                header.wallTime = Double(bitPattern: bits)
            case 2:
                guard type == 0, let value = wire.varint() else { return nil }
                header.step = Int64(bitPattern: value)
            case 3:
                guard type == 2, !whatSeen, let text = wire.lengthDelimited(), ProtobufWire.isValidUTF8(text) else { return nil }
                whatSeen = true
                header.isFileVersion = true
            case 5:
                guard type == 2, !whatSeen, let summary = wire.lengthDelimited() else { return nil }
                whatSeen = true
                header.summary = summary
            default:
                guard wire.skip(wireType: type) else { return nil }
            }
        }
        return header
    }

    /// Each value of a `Summary` (repeated value = 1), in order, while `body` returns true.
    /// False when a value cannot be read here (see the type's comment) or `body` said stop.
    @inline(__always)
    static func forEachValue(_ summary: UnsafeBufferPointer<UInt8>, _ body: (Value) -> Bool) -> Bool {
        var wire = ProtobufWire(summary)
        while !wire.isAtEnd {
            guard let (field, type) = wire.key() else { return false }
            if field == 1 {
                guard type == 2, let bytes = wire.lengthDelimited(), let value = value(bytes), body(value) else { return false }
            } else if !wire.skip(wireType: type) {
                return false
            }
        }
        return true
    }

    /// Summary.Value: tag = 1 (string), oneof value { simple_value = 2 (float), tensor = 8 },
    /// metadata = 9. Nil for a tensor value, which SwiftProtobuf reads.
    static func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        var wire = ProtobufWire(bytes)
        var value = Value()
        var metadataSeen = false
        while !wire.isAtEnd {
            guard let (field, type) = wire.key() else { return nil }
            switch field {
            case 1:
                guard type == 2, let text = wire.lengthDelimited(), ProtobufWire.isValidUTF8(text) else { return nil }
                value.tag = text
            case 2:
                guard type == 5, value.simpleValue == nil, let bits = wire.fixed32() else { return nil }
                value.simpleValue = Float(bitPattern: bits)
            case 8:
                return nil
            case 9:
                guard type == 2, !metadataSeen, let metadata = wire.lengthDelimited(),
                      readMetadata(metadata, into: &value) else { return nil }
                metadataSeen = true
            default:
                guard wire.skip(wireType: type) else { return nil }
            }
        }
        return value
    }

    /// SummaryMetadata: plugin_data = 1 (PluginData: plugin_name = 1, content = 2),
    /// data_class = 4 (enum).
    private static func readMetadata(_ bytes: UnsafeBufferPointer<UInt8>, into value: inout Value) -> Bool {
        var wire = ProtobufWire(bytes)
        while !wire.isAtEnd {
            guard let (field, type) = wire.key() else { return false }
            switch field {
            case 1:
                guard type == 2, !value.hasPluginData, let pluginData = wire.lengthDelimited() else { return false }
                value.hasPluginData = true
                var inner = ProtobufWire(pluginData)
                while !inner.isAtEnd {
                    guard let (innerField, innerType) = inner.key() else { return false }
                    switch innerField {
                    case 1:
                        guard innerType == 2, let name = inner.lengthDelimited(), ProtobufWire.isValidUTF8(name) else { return false }
                        value.pluginName = name
                    case 2:
                        guard innerType == 2, inner.lengthDelimited() != nil else { return false }
                    default:
                        guard inner.skip(wireType: innerType) else { return false }
                    }
                }
            case 4:
                guard type == 0, wire.varint() != nil else { return false }
            default:
                guard wire.skip(wireType: type) else { return false }
            }
        }
        return true
    }
}

extension TensorBoardScalarReader {
    /// Whether reading `bytes` (a whole event file, or its start) with the hand-written walk
    /// gives exactly what decoding every event with SwiftProtobuf gives: the check the tests
    /// and the `tfevents` fuzz target make.
    package static func walkMatchesSwiftProtobuf(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var walking = TensorBoardScalarReader(walksEvents: true)
        var decoding = TensorBoardScalarReader(walksEvents: false)
        let a = walking.read(bytes, firstRecord: 1), b = decoding.read(bytes, firstRecord: 1)
        // Bit for bit, so that a NaN (which a loss may well be) equals itself.
        func bits(_ s: TensorBoardScalar) -> [UInt64] {
            [UInt64(s.record), UInt64(bitPattern: s.step), s.wallTime.bitPattern, s.value.bitPattern]
        }
        return a.scalars.map(bits) == b.scalars.map(bits) && a.scalars.map(\.tag) == b.scalars.map(\.tag)
            && a.problems.map(\.record) == b.problems.map(\.record) && a.problems.map(\.message) == b.problems.map(\.message)
            && a.hparams.map(\.record) == b.hparams.map(\.record) && a.hparams.map(\.values) == b.hparams.map(\.values)
            && a.sessionEnds.map(\.record) == b.sessionEnds.map(\.record) && a.sessionEnds.map(\.end) == b.sessionEnds.map(\.end)
            && a.consumedBytes == b.consumedBytes && a.consumedRecords == b.consumedRecords
            && a.contentRecords == b.contentRecords && a.hparamsValues == b.hparamsValues
            && walking.pluginByTag == decoding.pluginByTag
    }
}
