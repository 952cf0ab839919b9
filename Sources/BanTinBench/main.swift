import Foundation

/// bantin-bench: benchmarks over generated sites. Run in release mode (`make bench-related`).
///
///     bantin-bench related [--small 1000] [--large 10000] [--repeats 5] [--exhaustive]
///     bantin-bench floor CONTENT BUILT OUTPUT   read CONTENT and write BUILT's bytes into OUTPUT, timed
///     bantin-bench edit CONTENT TEMPLATES OUTPUT [--edits 3]   serve's rebuild after one edit, by stage
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count,
          let number = Int(arguments[index + 1]), number > 0 else { return value }
    return number
}

switch arguments.first {
case "related":
    let passed = RelatedBench.run(sizes: (option("small", default: 1000), option("large", default: 10000)),
                                  repeats: option("repeats", default: 5), limitSeconds: 1.0,
                                  exhaustiveLarge: arguments.contains("--exhaustive"))
    exit(passed ? 0 : 1)
case "floor" where arguments.count == 4:
    do {
        try FloorBench.run(content: URL(fileURLWithPath: arguments[1]), built: URL(fileURLWithPath: arguments[2]),
                           output: URL(fileURLWithPath: arguments[3]))
    } catch {
        FileHandle.standardError.write(Data("bantin-bench floor: \(error)\n".utf8))
        exit(1)
    }
case "edit" where arguments.count >= 4:
    do {
        try EditBench.run(content: URL(fileURLWithPath: arguments[1]), templates: URL(fileURLWithPath: arguments[2]),
                          output: URL(fileURLWithPath: arguments[3]), edits: option("edits", default: 3))
    } catch {
        FileHandle.standardError.write(Data("bantin-bench edit: \(error)\n".utf8))
        exit(1)
    }
default:
    FileHandle.standardError.write(Data("usage: bantin-bench related [--small N] [--large N] [--repeats N] [--exhaustive]\n       bantin-bench floor CONTENT BUILT OUTPUT\n       bantin-bench edit CONTENT TEMPLATES OUTPUT [--edits N]\n".utf8))
    exit(2)
}
