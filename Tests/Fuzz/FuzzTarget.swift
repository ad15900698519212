// The fuzz target for the XML layer, the decoder and the rule engine: one input is read, decoded
// and judged by every rule set exactly as `conform check` does. Nothing may crash, hang or leak.
//
// Built normally, `conform-fuzz FILE...` replays files (the regression files under
// Tests/Fuzz/regressions/, crashes libFuzzer found). Built with -DFUZZING and -sanitize=fuzzer, it is a
// libFuzzer target (see Tests/Fuzz/README.md for the commands).
import ConformBTR
import ConformCheck
import ConformFindings
import ConformRules
import Foundation

/// Built once: rules, decoder and engine, as a run would.
let fuzzChecker: ReportChecker? = {
    guard let library = try? RulesLibrary.loadBundled(), let engine = try? RuleEngine(ruleSets: library.ruleSets) else { return nil }
    return ReportChecker(decoder: BTRDecoder(units: library.units, vocabulary: library.vocabulary), evaluator: engine)
}()

/// One input through the whole pipeline; returns its outcome (exactly one, whatever the input).
func fuzzOne(_ bytes: [UInt8]) -> ReportOutcome? {
    fuzzChecker?.check(bytes: bytes, path: "fuzz-input.xml")
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = fuzzOne(bytes)
    return 0
}

// SwiftPM links an executable's entry point as `<module>_main`; libFuzzer's driver is entered
// through LLVMFuzzerRunDriver (libFuzzer's C API).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("conform_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzerTestOneInput)
}
#else
@main
struct FuzzReplay {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        guard fuzzChecker != nil else {
            FileHandle.standardError.write(Data("conform-fuzz: the bundled rules do not load\n".utf8))
            exit(2)
        }
        var replayed = 0
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("conform-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            guard let outcome = fuzzOne(Array(data)) else { exit(2) }
            replayed += 1
            print("\(path): \(outcome.verdict.rawValue) (\(outcome.findings.count) findings)")
        }
        print("\(replayed) passed, 0 failed")
    }
}
#endif
