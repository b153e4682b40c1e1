import Foundation
import ScalingLaws
import Testing
import TestSupport
@testable import RunIngest

/// The hand-written event walk (`TensorBoardEventWalk`) against SwiftProtobuf's decoding, the
/// reference: on real writers' files, on each scalar encoding, and on thousands of damaged
/// events, both readers must give the same scalars, problems, hparams and plugins.
@Suite struct TensorBoardEventWalkTests {
    static func matches(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { TensorBoardScalarReader.walkMatchesSwiftProtobuf($0) }
    }

    @Test(arguments: TensorBoardFixtures.runs)
    func realWritersFilesReadAlike(_ runName: String) throws {
        for file in TensorBoardFixtures.files(runName) {
            #expect(Self.matches(try TensorBoardFixtures.bytes(file)), "\(file.lastPathComponent)")
        }
    }

    @Test func simpleValuesAreWalkedAndTensorsLeftToSwiftProtobuf() {
        let plain = TensorBoardEventParserTests.event(step: 7, wall: 1.5, [("loss", 2.5), ("lr", 0.25), ("é/ü", -1)])
        let header = plain.withUnsafeBufferPointer { bytes in
            TensorBoardEventWalk.header(bytes).map { ($0.step, $0.wallTime, $0.summary?.count ?? 0) }
        }
        #expect(header?.0 == 7 && header?.1 == 1.5 && header.map { $0.2 > 0 } == true)
        #expect(Self.matches(TFRecordBytes.frame(plain)))
        for encoding in TensorBoardEventParserTests.encodings {
            let event = TFRecordBytes.hex(encoding.hex)
            let walked = event.withUnsafeBufferPointer { bytes -> Bool in
                guard let summary = TensorBoardEventWalk.header(bytes)?.summary else { return false }
                return TensorBoardEventWalk.forEachValue(summary) { _ in true }
            }
            // Only simple_value is walked; tensor encodings go to SwiftProtobuf.
            #expect(walked == (encoding.name == "simple_value"), "\(encoding.name)")
            #expect(Self.matches(TFRecordBytes.frame(event)), "\(encoding.name)")
        }
    }

    /// Events `make fuzz` found the two readers disagreeing on, framed as the fuzz target
    /// frames them (the event, then its bytes reversed).
    @Test(arguments: ["CYiIiIiIiIiIiIiIiIgAADkAegAAAAuIiIiIJkk="])
    func fuzzFoundEventsReadAlike(_ base64: String) throws {
        let event = try #require(Data(base64Encoded: base64).map { Array($0) })
        let framed = TFRecordBytes.frame(event) + TFRecordBytes.frame(event.reversed())
        #expect(Self.matches(framed), "\(Self.bothReadings(framed))")
    }

    /// What each reader made of `bytes`, for a failure's message.
    static func bothReadings(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            [true, false].map { walks -> String in
                var reader = TensorBoardScalarReader(walksEvents: walks)
                let r = reader.read(buffer, firstRecord: 1)
                return "\(walks ? "walk" : "SwiftProtobuf"): scalars \(r.scalars.map { ($0.record, $0.tag, $0.step, $0.value) }) "
                    + "problems \(r.problems) hparams \(r.hparams.map(\.record)) ends \(r.sessionEnds.map(\.record)) "
                    + "consumed \(r.consumedBytes)/\(r.consumedRecords) content \(r.contentRecords) hparamsValues \(r.hparamsValues) "
                    + "plugins \(reader.pluginByTag)"
            }.joined(separator: "\n")
        }
    }

    /// Every way of damaging an event that a short mutation can reach: flipped, dropped and
    /// inserted bytes, in events of each encoding and of the fixture files.
    @Test func damagedEventsReadAlike() throws {
        var events = TensorBoardEventParserTests.encodings.map { TFRecordBytes.hex($0.hex) }
        events.append(TensorBoardEventParserTests.event(step: -3, wall: 0, [("train/loss", .nan), ("x", 1)]))
        for run in TensorBoardFixtures.runs {
            for file in TensorBoardFixtures.files(run) {
                let bytes = try TensorBoardFixtures.bytes(file)
                let records = bytes.withUnsafeBufferPointer { TFRecordFraming.split($0, fileOffset: 0).items }
                for case .record(let data, _) in records.prefix(12) { events.append(Array(bytes[data])) }
            }
        }
        var generator = SplitMix64(seed: 16)
        var checked = 0
        for event in events where !event.isEmpty {
            for _ in 0..<150 {
                var damaged = event
                for _ in 0..<(1 + Int(generator.next() % 3)) {
                    let at = Int(generator.next() % UInt64(damaged.count))
                    switch generator.next() % 3 {
                    case 0: damaged[at] ^= UInt8(truncatingIfNeeded: 1 << (generator.next() % 8))
                    case 1: if damaged.count > 1 { damaged.remove(at: at) }
                    default: damaged.insert(UInt8(truncatingIfNeeded: generator.next()), at: at)
                    }
                }
                #expect(Self.matches(TFRecordBytes.frame(damaged) + TFRecordBytes.frame(event)),
                        "event \(event) damaged to \(damaged)")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test func distinctTagsWithFewAndManyTags() {
        func scalars(_ tags: [String]) -> [TensorBoardScalar] {
            tags.enumerated().map { TensorBoardScalar(record: $0.offset + 1, step: 0, wallTime: 0, tag: $0.element, value: 1) }
        }
        let few = ["loss", "lr", "a tag longer than fifteen bytes", "loss", "lr", "a tag longer than fifteen bytes"]
        #expect(TensorBoardEventParser.distinctTags(scalars(few)) == Set(few))
        let many = (0..<100).map { "tag\($0 % 40)" } + ["last"]
        #expect(TensorBoardEventParser.distinctTags(scalars(many)) == Set(many))
        #expect(TensorBoardEventParser.distinctTags([]).isEmpty)
    }

    @Test func varintsAndKeys() {
        func varint(_ bytes: [UInt8]) -> UInt64? {
            bytes.withUnsafeBufferPointer { buffer in
                var wire = ProtobufWire(buffer)
                return wire.varint()
            }
        }
        #expect(varint([0x00]) == 0)
        #expect(varint([0xAC, 0x02]) == 300)
        #expect(varint([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) == .max)
        #expect(varint([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02]) == nil)   // beyond 64 bits
        #expect(varint([0x80, 0x80]) == nil)                                                    // cut short
        let keyZero: [UInt8] = [0x02, 0x00]   // field 0
        #expect(keyZero.withUnsafeBufferPointer { buffer in
            var wire = ProtobufWire(buffer)
            return wire.key() == nil
        })
    }

    @Test func utf8Validation() {
        func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { ProtobufWire.isValidUTF8($0) } }
        #expect(valid(Array("train/loss and more than eight".utf8)))
        #expect(valid(Array("é/ü".utf8)))
        #expect(valid([]))
        #expect(!valid([0x61, 0x62, 0xC3]))
        #expect(!valid(Array("abcdefgh".utf8) + [0xFF]))
        #expect(!valid([0xED, 0xA0, 0x80]))   // a surrogate
    }

    /// The SSE4.2 instruction and the slicing-by-8 tables agree on every length and alignment
    /// (on a machine without the instruction both are the tables).
    @Test func crc32cHardwareAndTablesAgree() {
        var generator = SplitMix64(seed: 32)
        let bytes = (0..<600).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        bytes.withUnsafeBufferPointer { all in
            for start in 0..<9 {
                for count in 0..<(all.count - start) {
                    let part = UnsafeBufferPointer(rebasing: all[start..<start + count])
                    if CRC32C.checksum(part) != CRC32C.portableChecksum(part) {
                        Issue.record("CRC-32C differs at offset \(start), \(count) bytes")
                        return
                    }
                }
            }
        }
        let vector = Array("123456789".utf8)
        #expect(vector.withUnsafeBufferPointer { CRC32C.portableChecksum($0) } == 0xE306_9283)
    }
}
