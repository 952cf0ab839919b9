import Foundation
import Testing
@testable import BanTinKit

/// Access logs that are damaged or are not logs at all: what can be read is counted, each cause is a warning
/// naming the file, and nothing hangs.
@Suite struct DamagedLogTests {
    func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    /// A gzip copy of `lines` page views, damaged by `damage`, as `access.log.2.gz`.
    func damagedGzip(_ folder: URL, lines: Int, _ damage: (inout [UInt8]) -> Void) throws {
        let plain = folder.appendingPathComponent("plain")
        try CounterFixtures.write(CounterFixtures.views(lines), to: plain)
        let whole = folder.appendingPathComponent("whole.gz")
        try CounterFixtures.gzip(plain, to: whole)
        var bytes = [UInt8](try Data(contentsOf: whole))
        damage(&bytes)
        try Data(bytes).write(to: folder.appendingPathComponent("access.log.2.gz"))
        try FileManager.default.removeItem(at: plain)
        try FileManager.default.removeItem(at: whole)
    }

    /// The trailer's checksum (CRC-32) or length changed: every line is there, as `zcat` prints them.
    @Test(arguments: [(200, -8), (200, -5), (3, -8), (3, -2), (2000, -7)])
    func aGzipWithABadChecksumOrLengthCountsItsLinesAndWarns(_ lines: Int, _ from: Int) throws {
        try withFolder { folder in
            try damagedGzip(folder, lines: lines) { $0[$0.count + from] ^= 0x5A }
            let first = CounterFixtures.ingest(folder)
            #expect(first.state.totalViews == lines)
            #expect(first.diagnostics.count == 1)
            #expect(first.diagnostics.first?.file.hasSuffix("access.log.2.gz") == true)
            #expect(first.diagnostics.first?.message.contains("is damaged after") == true, "\(first.diagnostics)")
            #expect(first.diagnostics.first?.text.rendered(in: .vi).contains("bị hỏng sau") == true)
            // The next build counts nothing again, and still says the file is damaged.
            let second = CounterFixtures.ingest(folder, into: first.state)
            #expect(second.state.totalViews == lines)
            #expect(second.diagnostics.count == 1)
        }
    }

    /// Garbage in the middle of the compressed data: the lines before it count, the rest cannot be read.
    @Test(arguments: [0.3, 0.5, 0.8])
    func aGzipWithGarbageInTheMiddleCountsTheLinesBeforeItAndWarns(_ where: Double) throws {
        try withFolder { folder in
            try damagedGzip(folder, lines: 3000) { bytes in
                let start = Int(Double(bytes.count) * `where`)
                for index in start..<min(bytes.count - 8, start + 64) { bytes[index] = 0xFF }
            }
            let result = CounterFixtures.ingest(folder)
            #expect(result.state.totalViews > 0, "the lines before the damage are counted")
            #expect(result.state.totalViews < 3000)
            #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
            #expect(result.diagnostics.first?.file.hasSuffix("access.log.2.gz") == true)
        }
    }

    /// Damage in the first bytes (the gzip header): nothing can be read, which is said.
    @Test func aGzipDamagedFromTheStartIsAWarning() throws {
        try withFolder { folder in
            try damagedGzip(folder, lines: 50) { bytes in for index in 10..<40 { bytes[index] = 0xFF } }
            let result = CounterFixtures.ingest(folder)
            #expect(result.state.totalViews == 0)
            #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        }
    }

    /// A pipe would wait for a writer and a device never ends: anything that is not a plain file is left out,
    /// with a warning, and the plain logs beside it are counted.
    @Test func pipesAndDevicesMatchingTheLogsAreLeftOutWithAWarning() throws {
        try withFolder { folder in
            try CounterFixtures.write(CounterFixtures.views(4), to: folder.appendingPathComponent("access.log"))
            #expect(mkfifo(folder.appendingPathComponent("access.log.fifo").path, 0o644) == 0)
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("access.log.zero").path,
                                                       withDestinationPath: "/dev/zero")
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("access.log.tty").path,
                                                       withDestinationPath: "/dev/null")
            let result = CounterFixtures.ingest(folder)
            #expect(result.state.totalViews == 4)
            let warned = result.diagnostics.map(\.file).map { ($0 as NSString).lastPathComponent }.sorted()
            #expect(warned == ["access.log.fifo", "access.log.tty", "access.log.zero"])
            #expect(result.diagnostics.allSatisfy { $0.message.contains("is not a plain file") })
            #expect(result.diagnostics.allSatisfy { $0.text.rendered(in: .vi).contains("không phải tệp thường") })
        }
    }
}
