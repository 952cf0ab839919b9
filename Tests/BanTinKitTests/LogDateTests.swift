import Foundation
import Testing
@testable import BanTinKit

/// Impossible and future dates in access logs.
@Suite(.serialized) struct LogDateTests {

    @Test func impossibleDatesAreMalformedAndFutureLinesAreSkippedAndReported() throws {
        var bytes = Array(CounterFixtures.line("/", time: "31/Feb/2026:08:00:00 +0700").utf8)
        #expect(bytes.withUnsafeBufferPointer { LogLine.parse($0) } == nil)
        bytes = Array(CounterFixtures.line("/", time: "29/Feb/2028:08:00:00 +0700").utf8)
        #expect(bytes.withUnsafeBufferPointer { LogLine.parse($0) } != nil)

        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("access.log")
        try CounterFixtures.write([
            CounterFixtures.line("/tin/hoi-nghi-can-bo/", time: "25/Nov/2026:08:00:00 +0700"),
            CounterFixtures.line("/tin/hoi-nghi-can-bo/", time: "31/Feb/2026:08:00:00 +0700"),
            CounterFixtures.line("/tin/hoi-nghi-can-bo/", time: "01/Jan/2031:08:00:00 +0700"),
        ].joined(separator: "\n") + "\n", to: log)
        let settings = CounterSettings()
        let counter = try VisitCounter.prepare(
            pages: PageTable(site: CounterFixtures.site), timeZone: CounterFixtures.site.config.timeZone, settings: settings,
            locations: .init(projectRoot: folder, logPatterns: [log.path], stateFile: folder.appendingPathComponent("state.json"),
                             now: Fixtures.options.now),
            mode: .countWithoutSaving)
        #expect(counter.report.views == 1)
        #expect(counter.report.malformed == 1)
        #expect(counter.report.future == 1)
        #expect(counter.snapshot?.time.map { $0 < Fixtures.options.now } == true)
        #expect(counter.diagnostics.contains { $0.message.hasPrefix("counter: 1 log line is dated more than a day after this build") })
    }
}
