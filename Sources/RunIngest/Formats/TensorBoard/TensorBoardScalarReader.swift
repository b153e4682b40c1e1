import Dispatch
import Foundation
import ScalingLaws
import SwiftProtobuf

/// One scalar a TensorBoard event file holds.
public struct TensorBoardScalar: Sendable, Equatable {
    /// 1-based record number in the file.
    public var record: Int
    /// The event's step as written (absent means 0; writers may log negative steps).
    public var step: Int64
    /// Seconds since the Unix epoch.
    public var wallTime: Double
    public var tag: String
    public var value: Double

    public init(record: Int, step: Int64, wallTime: Double, tag: String, value: Double) {
        self.record = record
        self.step = step
        self.wallTime = wallTime
        self.tag = tag
        self.value = value
    }
}

/// A hyperparameter from the hparams plugin's `session_start_info`.
public enum TensorBoardHParam: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case bool(Bool)

    /// The value as text: whole numbers without a fraction (writers store `batch_size=8`
    /// as the double 8.0).
    public var description: String {
        switch self {
        case .number(let v):
            return WholeNumber.text(v)
        case .text(let s): return s
        case .bool(let b): return b ? "true" : "false"
        }
    }

    public var number: Double? {
        switch self {
        case .number(let v): return v
        case .text(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        case .bool: return nil
        }
    }
}

/// Reads every scalar and the hparams of one TensorBoard event file, fed in pieces as the
/// file grows. Pure (bytes in, values out) but stateful across calls, since TensorFlow
/// writers name a tag's plugin only on its first value in a file.
///
/// Scalars come in four encodings (shared/log-formats.md §1.7): `simple_value`, and a
/// tensor with `float_val`, `double_val` or raw `tensor_content`; integer and half
/// precision tensors are read too. Graphs, images, histograms, audio, text (`DT_STRING`)
/// and other plugins' tensors are skipped without a word.
public struct TensorBoardScalarReader: Sendable {
    /// Plugin named by the first value of each tag in this file.
    private(set) var pluginByTag: [String: String] = [:]
    /// File offset of the next byte to be fed.
    public private(set) var fileOffset = 0
    /// Whether plain scalar events are read by `TensorBoardEventWalk` (always, but for the
    /// tests and the fuzz target that check it against SwiftProtobuf's decoding).
    private let walksEvents: Bool
    /// From this many records, a read is cut in two halves read on two threads
    /// (`readInHalves`): a 2 MiB chunk of scalars holds ~40,000; a live append, a few.
    let halvesFrom: Int
    static let standardHalvesFrom = 8192

    public init() { self.init(walksEvents: true) }

    /// A reader that decodes every event with SwiftProtobuf (`walksEvents: false`), the
    /// reference the hand-written walk is checked against; `halvesFrom` lower for the tests
    /// of reading in halves.
    package init(walksEvents: Bool, halvesFrom: Int = TensorBoardScalarReader.standardHalvesFrom) {
        self.walksEvents = walksEvents
        self.halvesFrom = max(2, halvesFrom)
    }

    public struct Batch: Sendable {
        public var scalars: [TensorBoardScalar] = []
        /// Each `session_start_info` met, with its record number.
        public var hparams: [(record: Int, values: [String: TensorBoardHParam])] = []
        /// Each `session_end_info` met: how the session ended, and when (its own end time,
        /// else the wall time of the event that carried it).
        public var sessionEnds: [(record: Int, end: RunEnd)] = []
        public var problems: [(record: Int, message: String)] = []
        public var consumedBytes = 0
        public var consumedRecords = 0
        /// Records holding something other than the file-version event every writer puts
        /// first (summaries, graphs, anything): the file has begun to hold a run.
        public var contentRecords = 0
        /// Values of the hparams plugin met (experiment, session start or end): the file
        /// holds, or is beginning to hold, an hparams session.
        public var hparamsValues = 0

        /// `later`'s records after these (its counts added; consumed bytes and records are
        /// the caller's).
        mutating func append(_ later: Batch) {
            scalars += later.scalars
            hparams += later.hparams
            sessionEnds += later.sessionEnds
            problems += later.problems
            contentRecords += later.contentRecords
            hparamsValues += later.hparamsValues
        }
    }

    /// Read the complete records of `bytes`, which start at a record boundary, numbering
    /// them from `firstRecord`. Record 1 means the start of the file: the reader forgets
    /// what it knew (the file was truncated or replaced).
    public mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> Batch {
        if firstRecord == 1 {
            pluginByTag = [:]
            fileOffset = 0
        }
        let (items, consumed) = TFRecordFraming.split(bytes, fileOffset: fileOffset)
        var batch = items.count >= halvesFrom
            ? readInHalves(items, of: bytes, firstRecord: firstRecord)
            : readItems(items[...], of: bytes, firstRecord: firstRecord)
        batch.consumedBytes = consumed
        batch.consumedRecords = items.count
        fileOffset += consumed
        return batch
    }

    /// The records `items` frames in `bytes`, the first numbered `firstRecord`.
    private mutating func readItems(_ items: ArraySlice<TFRecordFraming.Item>, of bytes: UnsafeBufferPointer<UInt8>,
                                    firstRecord: Int) -> Batch {
        var batch = Batch()
        var record = firstRecord
        batch.scalars.reserveCapacity(items.count)   // most records of a large file are one scalar
        for item in items {
            defer { record += 1 }
            switch item {
            case .corrupt(let offset, _, let reason):
                batch.problems.append((record, "corrupt record at byte \(offset): \(reason)"))
            case .record(let data, let offset):
                let eventBytes = UnsafeBufferPointer(rebasing: bytes[data])
                // Most events are plain scalars: read them without SwiftProtobuf (see
                // `TensorBoardEventWalk`); the rest, and anything malformed, through it.
                if walksEvents, readWalked(eventBytes, record: record, into: &batch) { continue }
                let event: Tensorboard_Event
                do {
                    event = try Self.decodeEvent(eventBytes)
                } catch {
                    batch.problems.append((record, "record at byte \(offset) is not a TensorBoard event (\(error))"))
                    continue
                }
                read(event, record: record, into: &batch)
            }
        }
        return batch
    }

    /// Many records (a large file's first load) are read as two halves on two threads, each
    /// by a copy of this reader as it is now: walking the events was over half of loading a
    /// 30 MB event file, all on one core of two (perf, issue 16). The only state a record
    /// leaves is the plugin a tag's first value names; when the first half names one, the
    /// second half is read again after it, in order, so the result is always the one pass's.
    private mutating func readInHalves(_ items: [TFRecordFraming.Item], of bytes: UnsafeBufferPointer<UInt8>,
                                       firstRecord: Int) -> Batch {
        let middle = items.count / 2
        let halves = HalfReads(self, bytes: bytes)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            var reader = halves.start
            let batch = i == 0
                ? reader.readItems(items[..<middle], of: halves.bytes, firstRecord: firstRecord)
                : reader.readItems(items[middle...], of: halves.bytes, firstRecord: firstRecord + middle)
            halves.store(i, reader, batch)
        }
        var (afterFirst, batch) = halves.take(0)
        var (afterSecond, second) = halves.take(1)
        if afterFirst.pluginByTag != pluginByTag {
            afterSecond = afterFirst
            second = afterSecond.readItems(items[middle...], of: bytes, firstRecord: firstRecord + middle)
        }
        self = afterSecond
        batch.append(second)
        return batch
    }

    public mutating func read(_ bytes: [UInt8], firstRecord: Int = 1) -> Batch {
        bytes.withUnsafeBufferPointer { read($0, firstRecord: firstRecord) }
    }

    static func decodeEvent(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Tensorboard_Event {
        var options = BinaryDecodingOptions()
        // Graphs, images and histograms are not kept: skip their bytes.
        options.discardUnknownFields = true
        // A copy, so no decoded `bytes` field can outlive the caller's buffer.
        return try Tensorboard_Event(serializedBytes: Data(bytes), options: options)
    }

    /// An event read by `TensorBoardEventWalk`, with the same effect as decoding it and
    /// passing it to `read(_:record:into:)`. False, with nothing changed, when the walk
    /// leaves the event to SwiftProtobuf.
    private mutating func readWalked(_ bytes: UnsafeBufferPointer<UInt8>, record: Int, into batch: inout Batch) -> Bool {
        guard let header = TensorBoardEventWalk.header(bytes) else { return false }
        // Counted as the SwiftProtobuf path counts (`contentRecords`: whatever is not the
        // file version), only once the walk has taken the event.
        guard let summary = header.summary else {   // a file version, a graph…: no scalars
            if !header.isFileVersion { batch.contentRecords += 1 }
            return true
        }
        // Every value must be one the walk reads before any is kept.
        guard TensorBoardEventWalk.forEachValue(summary, { !$0.namesHParams }) else { return false }
        batch.contentRecords += 1
        _ = TensorBoardEventWalk.forEachValue(summary) { value in
            let tag = String(decoding: value.tag, as: UTF8.self)
            if value.hasPluginData {
                pluginByTag[tag] = String(decoding: value.pluginName, as: UTF8.self)
            }
            // A value of the hparams tag without plugin data holds nothing (see `readHParams`);
            // a simple value is a scalar whatever its plugin (see `scalar`).
            if !pluginByTag.isEmpty, pluginByTag[tag] == "hparams" {
                batch.hparamsValues += 1
                return true
            }
            guard let number = value.simpleValue else { return true }
            batch.scalars.append(TensorBoardScalar(record: record, step: header.step, wallTime: header.wallTime,
                                                   tag: tag, value: Double(number)))
            return true
        }
        return true
    }

    private mutating func read(_ event: Tensorboard_Event, record: Int, into batch: inout Batch) {
        if case .fileVersion? = event.what {} else { batch.contentRecords += 1 }
        guard case .summary(let summary)? = event.what else { return }
        for value in summary.value {
            if value.hasMetadata, value.metadata.hasPluginData {
                pluginByTag[value.tag] = value.metadata.pluginData.pluginName
            }
            let plugin = pluginByTag[value.tag]
            if plugin == "hparams" {
                batch.hparamsValues += 1
                readHParams(value, record: record, wallTime: event.wallTime, into: &batch)
                continue
            }
            guard let number = Self.scalar(value, plugin: plugin) else { continue }
            batch.scalars.append(TensorBoardScalar(record: record, step: event.step, wallTime: event.wallTime,
                                                   tag: value.tag, value: number))
        }
    }

    private func readHParams(_ value: Tensorboard_Summary.Value, record: Int, wallTime: Double, into batch: inout Batch) {
        // Only the value that carries the plugin data holds hparams; later values of the
        // tag (if any) carry none.
        guard value.hasMetadata, value.metadata.hasPluginData else { return }
        let data: Tensorboard_Hparams_HParamsPluginData
        do {
            data = try Tensorboard_Hparams_HParamsPluginData(serializedBytes: value.metadata.pluginData.content)
        } catch {
            batch.problems.append((record, "hparams summary \(value.tag) could not be read (\(error))"))
            return
        }
        if case .sessionEndInfo(let end)? = data.data {
            let time = end.endTimeSecs > 0 ? end.endTimeSecs : wallTime > 0 ? wallTime : nil
            switch end.status {
            case .success: batch.sessionEnds.append((record, RunEnd(.succeeded, time: time)))
            case .failure: batch.sessionEnds.append((record, RunEnd(.failed("hparams session ended in FAILURE"), time: time)))
            case .unknown, .running, .UNRECOGNIZED: break
            }
            return
        }
        guard case .sessionStartInfo(let start)? = data.data else { return }
        var values: [String: TensorBoardHParam] = [:]
        for (key, v) in start.hparams {
            switch v.kind {
            case .numberValue(let n)?: values[key] = .number(n)
            case .stringValue(let s)?: values[key] = .text(s)
            case .boolValue(let b)?: values[key] = .bool(b)
            case .nullValue?, .structValue?, .listValue?, nil: continue
            }
        }
        batch.hparams.append((record, values))
    }

    /// The number a summary value holds, if it is a scalar.
    static func scalar(_ value: Tensorboard_Summary.Value, plugin: String?) -> Double? {
        switch value.value {
        case .simpleValue(let v)?:
            return Double(v)
        case .tensor(let tensor)?:
            // A tensor is a scalar when its plugin says so, or, with no plugin named, when
            // it is numeric and of rank 0.
            if let plugin, plugin != "scalars" { return nil }
            if plugin == nil, tensor.hasTensorShape, !tensor.tensorShape.dim.isEmpty { return nil }
            guard tensor.tensorShape.dim.allSatisfy({ $0.size == 1 }), !tensor.tensorShape.unknownRank else { return nil }
            return number(in: tensor)
        case nil:
            return nil
        }
    }

    /// The single value of a one-element numeric tensor, from whichever field holds it.
    static func number(in tensor: Tensorboard_TensorProto) -> Double? {
        let content = tensor.tensorContent
        func raw<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard content.count == MemoryLayout<T>.size else { return nil }
            var bits: T = 0
            for (i, byte) in content.enumerated() { bits |= T(truncatingIfNeeded: byte) << (8 * i) }
            return bits
        }
        let hasContent = !content.isEmpty
        switch tensor.dtype {
        case .dtFloat:
            if hasContent { return raw(UInt32.self).map { Double(Float(bitPattern: $0)) } }
            return tensor.floatVal.first.map(Double.init)
        case .dtDouble:
            if hasContent { return raw(UInt64.self).map { Double(bitPattern: $0) } }
            return tensor.doubleVal.first
        case .dtInt32:
            if hasContent { return raw(Int32.self).map(Double.init) }
            return tensor.intVal.first.map(Double.init)
        case .dtInt16:
            if hasContent { return raw(Int16.self).map(Double.init) }
            return tensor.intVal.first.map(Double.init)
        case .dtInt8:
            if hasContent { return raw(Int8.self).map(Double.init) }
            return tensor.intVal.first.map(Double.init)
        case .dtUint16:
            if hasContent { return raw(UInt16.self).map(Double.init) }
            return tensor.intVal.first.map(Double.init)
        case .dtUint8:
            if hasContent { return raw(UInt8.self).map(Double.init) }
            return tensor.intVal.first.map(Double.init)
        case .dtInt64:
            if hasContent { return raw(Int64.self).map(Double.init) }
            return tensor.int64Val.first.map(Double.init)
        case .dtUint32:
            if hasContent { return raw(UInt32.self).map(Double.init) }
            return tensor.uint32Val.first.map(Double.init)
        case .dtUint64:
            if hasContent { return raw(UInt64.self).map(Double.init) }
            return tensor.uint64Val.first.map(Double.init)
        case .dtHalf:
            let bits = hasContent ? raw(UInt16.self) : tensor.halfVal.first.map { UInt16(truncatingIfNeeded: $0) }
            return bits.map(halfToDouble)
        case .dtBfloat16:
            // bfloat16 is the top half of a float32.
            let bits = hasContent ? raw(UInt16.self) : tensor.halfVal.first.map { UInt16(truncatingIfNeeded: $0) }
            return bits.map { Double(Float(bitPattern: UInt32($0) << 16)) }
        case .dtInvalid, .dtString, .dtBool, .UNRECOGNIZED:
            return nil
        }
    }

    /// IEEE 754 half precision to double, by hand: `Float16` is not available on every
    /// platform Swift runs on.
    static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24                       // subnormal (or zero)
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}

/// The two halves' readers and batches (`TensorBoardScalarReader.readInHalves`), and the
/// bytes both read (only read, and alive until `concurrentPerform` returns): each slot is
/// written by one thread and read after `concurrentPerform` returns (it waits for both).
private final class HalfReads: @unchecked Sendable {
    let start: TensorBoardScalarReader
    let bytes: UnsafeBufferPointer<UInt8>
    private var slots: [(reader: TensorBoardScalarReader, batch: TensorBoardScalarReader.Batch)?] = [nil, nil]
    private let lock = NSLock()

    init(_ start: TensorBoardScalarReader, bytes: UnsafeBufferPointer<UInt8>) {
        self.start = start
        self.bytes = bytes
    }

    func store(_ i: Int, _ reader: TensorBoardScalarReader, _ batch: TensorBoardScalarReader.Batch) {
        lock.withLock { slots[i] = (reader, batch) }
    }

    func take(_ i: Int) -> (TensorBoardScalarReader, TensorBoardScalarReader.Batch) {
        lock.withLock {
            defer { slots[i] = nil }
            return slots[i]!
        }
    }
}
