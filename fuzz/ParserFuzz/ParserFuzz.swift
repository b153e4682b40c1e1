import Foundation
#if FUZZING
import CLibFuzzer
#endif

// Built two ways (fuzz/run.sh):
// - with `-sanitize=fuzzer,address -D FUZZING` (linked with lld: gold fails on these
//   objects): `main` hands over to libFuzzer's driver, which calls `LLVMFuzzerInitialize`
//   once (choosing the target SCALETOP_FUZZ_TARGET names) and `LLVMFuzzerTestOneInput`
//   with each input. (Should a linker prefer libFuzzer's own `main`, the same two run.)
// - normally (`swift build`): a replay tool, `ParserFuzz TARGET FILE…` runs each file
//   through the target once (a crash the fuzzer found, replayed without sanitizers).
// Either way SCALETOP_FUZZ_LIST=1 (and `--list` here) names the targets and their seed globs.

@main
enum ParserFuzz {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--list" || ProcessInfo.processInfo.environment["SCALETOP_FUZZ_LIST"] == "1" {
            listTargets()
            return
        }
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
        #endif
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            fail("usage: ParserFuzz --list | TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")))")
        }
        for file in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: file) else { fail("\(file): cannot read") }
            [UInt8](data).withUnsafeBufferPointer { target.run($0) }
            print("\(file): ok")
        }
    }

    static func listTargets() {
        for target in FuzzTarget.allCases { print(target.rawValue + "\t" + target.seeds.joined(separator: " ")) }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}

#if FUZZING
/// The target every input goes to, chosen once by `LLVMFuzzerInitialize`.
nonisolated(unsafe) private var selected: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    let environment = ProcessInfo.processInfo.environment
    if environment["SCALETOP_FUZZ_LIST"] == "1" {
        ParserFuzz.listTargets()
        exit(0)
    }
    guard let target = FuzzTarget(rawValue: environment["SCALETOP_FUZZ_TARGET"] ?? "") else {
        ParserFuzz.fail("set SCALETOP_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))")
    }
    selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selected?.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#endif
