import Foundation

#if FUZZING
/// libFuzzer entry point (built with `-sanitize=fuzzer -DFUZZING`; see bench/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let target = ProcessInfo.processInfo.environment["BANTIN_FUZZ_TARGET"] ?? "article"
    FuzzTargets.run(target, Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
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
