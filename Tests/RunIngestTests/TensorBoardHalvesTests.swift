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
