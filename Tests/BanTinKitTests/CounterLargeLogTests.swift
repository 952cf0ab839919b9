import Foundation
import Testing
@testable import BanTinKit

/// An access log as big and untidy as a busy server's: 100,000 lines, one of them 32 MB long, megabyte user
/// agents, and a last line still being written (no "\n" at the end). Counted by a real `bantin counter` process, whose peak memory is
/// measured: it must not grow with the log.
@Suite struct CounterLargeLogTests {
    static let lineCount = 100_000

    /// Writes the log in pieces (never whole in memory); returns the views a correct count finds.
    static func writeLargeLog(to url: URL) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let megabyteAgent = String(repeating: "Mozilla/5.0 (X11) ", count: 1 << 20 / 18)
        let longAgent = String(repeating: "A", count: 60 * 1024)  // under the 64 KB limit: still a view
        var views = 0
        var piece = ""
        for number in 0..<lineCount {
            let time = String(format: "25/Nov/2026:%02d:%02d:%02d +0700", number / 3600 % 24, number / 60 % 60, number % 60)
            let agent: String
            switch number % 5000 {
            case 1234 where number == 1234: agent = String(repeating: "B", count: 32 << 20)
            case 1234, 3000: agent = megabyteAgent
            case 2500: agent = longAgent; views += 1
            default: agent = "Mozilla/5.0 reader-\(number % 250)"; views += 1
            }
            let ending = number == lineCount - 1 ? "" : "\n"
            piece += CounterFixtures.line("/tin/\(CounterFixtures.seedSlug)/", ip: "198.51.100.\(number % 250)", time: time, agent: agent) + ending
            if piece.utf8.count > 1 << 20 || number == lineCount - 1 {
                try handle.write(contentsOf: Data(piece.utf8))
                piece = ""
            }
        }
        return views - 1  // the last line has no "\n" yet: the server may still be writing it
    }

    @Test(.timeLimit(.minutes(1)), .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "peak memory is read from /proc"))
    func aHundredThousandLinesWithHugeOnesAreCountedInBoundedMemory() throws {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        try Fixtures.article("a", title: "Hội nghị cán bộ").text
            .writeReplacing(content.appendingPathComponent("articles/a.md"))
        let large = folder.appendingPathComponent("large.log")
        let small = folder.appendingPathComponent("small.log")
        let views = try Self.writeLargeLog(to: large)
        try CounterFixtures.write(CounterFixtures.views(10), to: small)
        #expect(try FileManager.default.attributesOfItem(atPath: large.path)[.size] as? Int ?? 0 > 60 << 20)

        func count(_ log: URL) throws -> (read: [String: Int], peakKilobytes: Int) {
            let output = folder.appendingPathComponent("counter.json")
            let arguments = ["counter", "--json", "--content", content.path, "--logs", log.path,
                             "--templates", Fixtures.repositoryRoot.appendingPathComponent("templates").path,
                             "--state", folder.appendingPathComponent("none.json").path]
            let peak = try #require(try Self.peakMemory(of: binary, arguments, output: output), "bantin counter failed")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
            return (json?["read"] as? [String: Int] ?? [:], peak)
        }
        let baseline = try count(small)
        let result = try count(large)
        #expect(result.read["lines"] == Self.lineCount - 1)
        #expect(result.read["malformed"] == 40, "the 32 MB line and 39 one-megabyte lines are too long to be log lines")
        #expect(result.read["views"] == views)
        let growth = result.peakKilobytes - baseline.peakKilobytes
        #expect(growth < 16 * 1024, "reading a 60+ MB log took \(growth) KB more than reading ten lines")
    }

    /// Runs `binary` with standard output to `output`; its peak resident memory in kilobytes, nil if it failed.
    /// Read from /proc while it runs: getrusage() would not do, as a spawned child's peak includes its parent's
    /// (the test runner's) from before exec. The peak (VmHWM) only grows, so the last reading before exit is it.
    static func peakMemory(of binary: URL, _ arguments: [String], output: URL) throws -> Int? {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let status = "/proc/\(process.processIdentifier)/status"
        var peak = 0
        while process.isRunning {
            let text = (try? String(contentsOfFile: status, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Int(line.split(whereSeparator: \.isWhitespace)[1]) {
                peak = max(peak, kilobytes)
            }
            usleep(2000)
        }
        process.waitUntilExit()
        return process.terminationStatus == 0 && peak > 0 ? peak : nil
    }
}
