import BanTinKit
import Foundation

// `make bench-counter`: generates a deterministic access log for the sample portal and times how long the
// visit counter takes to ingest it from a fresh state (the work a build does on new log lines).
//
//   CounterBench [--lines N] [--days D] [--offset +0700] [--content DIR] [--keep FILE] [--generate-only FILE]

func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let lineCount = Int(option("--lines") ?? "1000000") ?? 1_000_000
let days = Int(option("--days") ?? "7") ?? 7
let offset = option("--offset") ?? "+0700"
let content = URL(fileURLWithPath: option("--content") ?? "content")
let start = ISO8601DateFormatter().date(from: option("--start") ?? "2026-11-18T00:00:00+07:00")!

// The sample portal gives the URLs: articles, print views, listings, pages.
let site: Site
do {
    let templates = content.deletingLastPathComponent().appendingPathComponent("templates")
    site = try Build.site(Build.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: content)).0
} catch {
    fail("\(error)")
}

var generator = LogGenerator(site: site, seed: 20_261_125, start: start, days: days, offset: offset)
if let target = option("--generate-only") {
    try generator.write(lines: lineCount, to: URL(fileURLWithPath: target))
    print("wrote \(lineCount) lines to \(target)")
    exit(0)
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let log = URL(fileURLWithPath: option("--keep") ?? folder.appendingPathComponent("access.log").path)
try generator.write(lines: lineCount, to: log)
let size = (try FileManager.default.attributesOfItem(atPath: log.path)[.size] as? NSNumber)?.intValue ?? 0

let settings = LogIngester.Settings(rules: PageViewRules(), timeZone: site.config.timeZone, onlineWindow: 15 * 60)
let pages = CounterPages(PageTable(site: site))

func time(_ label: String, _ url: URL) {
    let began = DispatchTime.now().uptimeNanoseconds
    let result = LogIngester.ingest([url], into: CounterState(), pages: pages, settings: settings)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
    let report = result.report
    print(String(format: "%@: %d lines in %.2f s = %.0f lines/s", label, report.linesRead, seconds, Double(report.linesRead) / seconds))
    print("  \(report.views) views, \(report.bots) bots, \(report.assets) assets, \(report.other) other, \(report.malformed) malformed; "
          + "\(result.state.days.count) days, \(result.state.days.values.map(\.visitors).reduce(0, +)) visitor-days")
}

print(String(format: "log: %d lines, %.1f MB, %d days, offset %@", lineCount, Double(size) / 1e6, days, offset))
time("plain", log)
// The same log gzip-compressed, as logrotate leaves it: decompression included.
let compressed = folder.appendingPathComponent("access.log.1.gz")
let gzip = Process()
gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
gzip.arguments = ["-c", "gzip -c '\(log.path)' > '\(compressed.path)'"]
try gzip.run()
gzip.waitUntilExit()
if gzip.terminationStatus == 0 { time("gzip ", compressed) }
