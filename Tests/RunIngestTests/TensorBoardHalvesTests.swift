import Foundation
import Testing
import ScalingLaws
@testable import RunIngest

/// A large read of an event file is cut in two halves read on two threads
/// (`TensorBoardScalarReader.readInHalves`). Whatever the cut, the result must be the one
/// pass's: the same points, problems (with their record numbers), hparams and session ends,
/// and the same reader afterwards for the bytes that follow.
@Suite struct TensorBoardHalvesTests {
    /// The real writers' files (tensorboardX with hparams, text, a histogram and a NaN;
    /// PyTorch; TensorFlow tensors whose plugin is named on a tag's first value only), every
    /// read of two records or more cut in halves, whole and fed in random pieces.
    @Test(arguments: TensorBoardFixtures.runs)
    func realWritersFilesReadInHalvesAsInOnePass(_ runName: String) throws {
        for file in TensorBoardFixtures.files(runName) {
            let bytes = try TensorBoardFixtures.bytes(file)
            let whole = TailedFile.feed(bytes, cuts: [], halvesFrom: .max)
            #expect(!whole.points.isEmpty)
            #expect(TailedFile.feed(bytes, cuts: [], halvesFrom: 2) == whole, "\(file.lastPathComponent) whole")
            var generator = SplitMix64(seed: UInt64(bytes.count))
            for _ in 0..<20 {
                let cuts = (0..<Int(generator.next() % 6)).map { _ in Int(generator.next() % UInt64(bytes.count)) }.sorted()
                #expect(TailedFile.feed(bytes, cuts: cuts, halvesFrom: 2) == whole, "\(file.lastPathComponent) cut at \(cuts)")
            }
        }
    }

    /// Tensors of shape [1] are scalars only once their tag's plugin is known to be
    /// `scalars` (named on the tag's first value): a half read without knowing it loses
    /// them. The loss's plugin is named in the first record, the learning rate's in the
    /// middle of the file, so at some cut it is named in one half and used in the other;
    /// a corrupt record sits in each half.
    @Test func pluginsNamedInEitherHalfReachTheOtherHalf() {
        var bytes: [UInt8] = []
        var corruptAt: [Int] = []
        for step in 0..<60 {
            bytes += TFRecordBytes.frame(Self.tensorEvent(step: step, tag: "loss", value: 3 - Float(step) / 100,
                                                          plugin: step == 0 ? "scalars" : nil))
            if step >= 31 {
                bytes += TFRecordBytes.frame(Self.tensorEvent(step: step, tag: "train/lr", value: 1e-3,
                                                              plugin: step == 31 ? "scalars" : nil))
            }
            if step == 10 || step == 50 { corruptAt.append(bytes.count - 5) }
        }
        for offset in corruptAt { bytes[offset] ^= 0x01 }
        let whole = TailedFile.feed(bytes, cuts: [], halvesFrom: .max)
        #expect(whole.points.count == 59, "60 losses but step 10's, in a corrupt record (step 50's is its rate)")
        #expect(whole.points.filter { $0.learningRate != nil }.map(\.step) == Array(31..<60).filter { $0 != 50 })
        #expect(whole.problems.count == 2)
        #expect(TailedFile.feed(bytes, cuts: [], halvesFrom: 2) == whole)
        // Every cut of the file into a first read and the rest.
        var offset = 0
        var boundaries: [Int] = []
        while offset < bytes.count {
            let length = (0..<8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            offset += length + 16
            boundaries.append(offset)
        }
        for cut in boundaries {
            #expect(TailedFile.feed(bytes, cuts: [cut], halvesFrom: 2) == whole, "cut at byte \(cut)")
        }
    }

    /// The reader alone, its whole batch compared (scalars, hparams, session ends, problems
    /// and the counts the follower reads) and its state after: the tensorboardX file (an
    /// hparams session started and ended) behind 200 plain scalar events and before a damaged
    /// record, so that the session and the problem fall in the second half.
    @Test func aHalvedReadGivesTheOnePassBatch() throws {
        let file = try #require(TensorBoardFixtures.files("tensorboardx-lm").first)
        let prefix = (0..<200).flatMap {
            TFRecordBytes.frame(TensorBoardEventParserTests.event(step: Int64($0), wall: 1, [("other", 1)]))
        }
        var damaged = TFRecordBytes.frame(TensorBoardEventParserTests.event(step: 900, wall: 1, [("loss", 1)]))
        damaged[damaged.count - 6] ^= 0x01
        let bytes = prefix + (try TensorBoardFixtures.bytes(file)) + damaged
            + TFRecordBytes.frame(TensorBoardEventParserTests.event(step: 901, wall: 1, [("loss", 1)]))
        var onePass = TensorBoardScalarReader(walksEvents: true, halvesFrom: .max)
        var inHalves = TensorBoardScalarReader(walksEvents: true, halvesFrom: 2)
        let whole = bytes.withUnsafeBufferPointer { onePass.read($0, firstRecord: 1) }
        let halved = bytes.withUnsafeBufferPointer { inHalves.read($0, firstRecord: 1) }
        let middle = whole.consumedRecords / 2
        #expect(!whole.hparams.isEmpty && whole.hparams.allSatisfy { $0.record > middle })
        #expect(!whole.sessionEnds.isEmpty && whole.sessionEnds.allSatisfy { $0.record > middle })
        #expect(whole.problems.count == 1 && whole.problems.allSatisfy { $0.record > middle }, "the damaged record")
        // By bit pattern: the fixture logs a NaN, which equals nothing.
        func bits(_ batch: TensorBoardScalarReader.Batch) -> [String] {
            batch.scalars.map { "\($0.record) \($0.step) \($0.wallTime.bitPattern) \($0.tag) \($0.value.bitPattern)" }
        }
        #expect(whole.scalars.contains { $0.value.isNaN })
        #expect(bits(halved) == bits(whole))
        #expect(halved.hparams.map(\.record) == whole.hparams.map(\.record))
        #expect(halved.hparams.map(\.values) == whole.hparams.map(\.values))
        #expect(halved.sessionEnds.map(\.record) == whole.sessionEnds.map(\.record))
        #expect(halved.sessionEnds.map(\.end) == whole.sessionEnds.map(\.end))
        #expect(halved.problems.map(\.record) == whole.problems.map(\.record))
        #expect(halved.problems.map(\.message) == whole.problems.map(\.message))
        #expect(halved.contentRecords == whole.contentRecords && halved.hparamsValues == whole.hparamsValues)
        #expect(halved.consumedBytes == whole.consumedBytes && halved.consumedRecords == whole.consumedRecords)
        #expect(inHalves.pluginByTag == onePass.pluginByTag && inHalves.fileOffset == onePass.fileOffset)
    }

    /// A parser made for the tests of halves keeps its reader's setting when a read from
    /// record 1 starts it afresh (every `TailedFile.feed` starts so).
    @Test func aFreshStartKeepsTheReadersSetting() {
        var parser = TensorBoardEventParser(readerHalvesFrom: 2)
        _ = parser.parse(TFRecordBytes.frame(TensorBoardEventParserTests.event(step: 1, wall: 1, [("loss", 2)])), firstRecord: 1)
        #expect(parser.reader.halvesFrom == 2)
    }

    /// An event of one float tensor of shape [1], its tag's plugin named or not.
    static func tensorEvent(step: Int, tag: String, value: Float, plugin: String?) -> [UInt8] {
        var dimension = Tensorboard_TensorShapeProto.Dim()
        dimension.size = 1
        var tensor = Tensorboard_TensorProto()
        tensor.dtype = .dtFloat
        tensor.floatVal = [value]
        tensor.tensorShape.dim = [dimension]
        var summaryValue = Tensorboard_Summary.Value()
        summaryValue.tag = tag
        summaryValue.tensor = tensor
        if let plugin { summaryValue.metadata.pluginData.pluginName = plugin }
        var event = Tensorboard_Event()
        event.step = Int64(step)
        event.wallTime = 1_700_000_000 + Double(step)
        event.summary.value = [summaryValue]
        return try! event.serializedBytes()
    }
}
