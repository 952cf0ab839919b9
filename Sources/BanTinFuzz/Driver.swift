import Foundation

#if FUZZING
/// libFuzzer drives the inputs (built with `-sanitize=fuzzer -DFUZZING`; see bench/fuzz.sh). SwiftPM links an
/// executable's entry point as `<Target>_main`, so we provide that and hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("BanTinFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        let target = ProcessInfo.processInfo.environment["BANTIN_FUZZ_TARGET"] ?? "article"
        FuzzTargets.run(target, data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
}
#else
/// Without libFuzzer: mutate seed inputs with a fixed-seed generator for a given time.
/// Usage: bantin-fuzz <target> <seconds> [seed files…]
@main
struct SeededFuzzer {
    static func main() {
        let arguments = CommandLine.arguments
        let target = arguments.count > 1 ? arguments[1] : "article"
        let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 10 : 10
        var seeds = arguments.dropFirst(3).compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        if seeds.isEmpty { seeds = [Array("---\ntitle: Tin\ndate: 2026-11-25\ncategory: A\n---\nNội dung\n".utf8)] }
        var generator = Mutator(seed: 0x5EED)
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0
        while Date() < deadline {
            for _ in 0..<200 {
                FuzzTargets.run(target, generator.mutate(seeds[runs % seeds.count]))
                runs += 1
            }
        }
        print("fuzz \(target): \(runs) inputs in \(seconds) s, no crash")
    }
}
#endif
