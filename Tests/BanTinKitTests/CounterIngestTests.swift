import Foundation
import Testing
@testable import BanTinKit

/// Every log line is counted exactly once, whatever happens to the files between builds.
@Suite struct CounterIngestTests {
    let article = "/tin/\(CounterFixtures.seedSlug)/"

    func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test func replayingTheSameLogsChangesNothing() throws {
        try withFolder { folder in
            try CounterFixtures.write(CounterFixtures.views(10), to: folder.appendingPathComponent("access.log"))
            let first = CounterFixtures.ingest(folder)
            #expect(first.state.totalViews == 10)
            #expect(first.report.linesRead == 10)
            let second = CounterFixtures.ingest(folder, into: first.state)
            #expect(second.state == first.state)
            #expect(second.report.linesRead == 0)
            #expect(second.report.filesUnchanged == 1)
            // Even when the file's timestamp changes (touch, copy), its content is recognised.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)],
                                                  ofItemAtPath: folder.appendingPathComponent("access.log").path)
            let third = CounterFixtures.ingest(folder, into: second.state)
            #expect(third.state.totalViews == 10)
            #expect(third.report.linesRead == 0)
        }
    }

    @Test func rotationAndCompressionReadEachLineOnce() throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log")
            let log1 = folder.appendingPathComponent("access.log.1")
            let log2gz = folder.appendingPathComponent("access.log.2.gz")
            // Day 1: 30 lines, read.
            try CounterFixtures.write(CounterFixtures.views(30), to: log)
            var state = CounterFixtures.ingest(folder).state
            #expect(state.totalViews == 30)
            // 20 more lines arrive, then logrotate: access.log → access.log.1, a new access.log with 5 lines.
            try CounterFixtures.append(CounterFixtures.views(20, from: 30), to: log)
            try CounterFixtures.move(log, to: log1)
            try CounterFixtures.write(CounterFixtures.views(5, hour: 9), to: log)
            state = CounterFixtures.ingest(folder, into: state).state
            #expect(state.totalViews == 55)
            // Next rotation: access.log.1 is compressed to access.log.2.gz, access.log → access.log.1.
            try CounterFixtures.append(CounterFixtures.views(7, from: 5, hour: 9), to: log)
            try CounterFixtures.gzip(log1, to: log2gz)
            try FileManager.default.removeItem(at: log1)
            try CounterFixtures.move(log, to: log1)
            try CounterFixtures.write(CounterFixtures.views(3, hour: 10), to: log)
            let result = CounterFixtures.ingest(folder, into: state)
            #expect(result.state.totalViews == 30 + 20 + 5 + 7 + 3)
            #expect(result.report.linesRead == 7 + 3)
            #expect(result.state.viewsByPage[article] == 65)
            #expect(result.diagnostics.isEmpty)
        }
    }

    @Test func aCompressedCopyBesideItsOriginalIsNotCountedAgain() throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log.1")
            try CounterFixtures.write(CounterFixtures.views(40), to: log)
            let state = CounterFixtures.ingest(folder).state
            try CounterFixtures.gzip(log, to: folder.appendingPathComponent("access.log.1.gz"))
            let result = CounterFixtures.ingest(folder, into: state)
            #expect(result.state.totalViews == 40)
            #expect(result.report.linesRead == 0)
            // A gzip file is finished: a last line without "\n" counts there.
            let unterminated = folder.appendingPathComponent("other.log")
            try CounterFixtures.write(String(CounterFixtures.views(2, hour: 11).dropLast()), to: unterminated)
            try CounterFixtures.gzip(unterminated, to: folder.appendingPathComponent("access.log.9.gz"))
            #expect(CounterFixtures.ingest(folder, into: result.state).state.totalViews == 42)
        }
    }

    @Test func aLineStillBeingWrittenWaitsForTheNextBuild() throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log")
            let lines = CounterFixtures.views(3)
            let cut = lines.index(lines.endIndex, offsetBy: -40)
            try CounterFixtures.write(String(lines[..<cut]), to: log)
            let first = CounterFixtures.ingest(folder)
            #expect(first.state.totalViews == 2)
            try CounterFixtures.append(String(lines[cut...]), to: log)
            #expect(CounterFixtures.ingest(folder, into: first.state).state.totalViews == 3)
        }
    }

    @Test func aTruncatedOrReplacedLogIsReadFromItsStart() throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log")
            try CounterFixtures.write(CounterFixtures.views(50), to: log)
            let state = CounterFixtures.ingest(folder).state
            // copytruncate: emptied, then new lines written (fewer than were read before).
            try CounterFixtures.write(CounterFixtures.views(4, hour: 12), to: log)
            let result = CounterFixtures.ingest(folder, into: state)
            #expect(result.state.totalViews == 54)
            #expect(result.report.linesRead == 4)
        }
    }

    @Test func aShorterEarlierCopyOfALogAddsNothing() throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log")
            let all = CounterFixtures.views(60)
            try CounterFixtures.write(all, to: log)
            let state = CounterFixtures.ingest(folder).state
            // A backup taken when the log had only its first 40 lines shows up beside it.
            let first40 = all.split(separator: "\n").prefix(40).joined(separator: "\n") + "\n"
            try CounterFixtures.write(first40, to: folder.appendingPathComponent("access.log.bak"))
            #expect(CounterFixtures.ingest(folder, into: state).state.totalViews == 60)
        }
    }

    @Test func botsAssetsOtherRequestsAndMalformedLinesAreSortedOut() throws {
        try withFolder { folder in
            let lines = [
                CounterFixtures.line(article),
                CounterFixtures.line(article, status: 304),
                CounterFixtures.line(article, agent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"),
                CounterFixtures.line(article, agent: "Mozilla/5.0 (compatible; bingbot/2.0)"),
                CounterFixtures.line(article, agent: "Mozilla/5.0 (compatible; YandexBot/3.0)"),
                CounterFixtures.line(article, agent: "Baiduspider"),
                CounterFixtures.line(article, agent: "facebookexternalhit/1.1"),
                CounterFixtures.line(article, agent: "curl/8.5.0"),
                CounterFixtures.line(article, agent: "python-requests/2.31"),
                CounterFixtures.line(article, agent: "SomeCrawler/1.0"),
                CounterFixtures.line(article, agent: "UptimeRobot/2.0"),        // a bot by name ("bot")
                CounterFixtures.line(article, agent: "Pingdom.com_checker"),     // only with counter.bots
                CounterFixtures.line("/assets/style.css"),
                CounterFixtures.line("/images/a.svg", status: 304),
                CounterFixtures.line(article, method: "HEAD"),
                CounterFixtures.line(article, method: "POST"),
                CounterFixtures.line(article, status: 404),
                CounterFixtures.line(article, status: 301),
                CounterFixtures.line("/feed.xml"),
                CounterFixtures.line("/khong-co/", status: 404),
                "this is not a log line",
                "",
                String(CounterFixtures.line(article).prefix(50)),
            ]
            try CounterFixtures.write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("access.log"))
            var settings = CounterFixtures.settings
            settings.rules = PageViewRules(extraBots: ["pingdom"])
            let report = CounterFixtures.ingest(folder, settings: settings).report
            #expect(report.linesRead == lines.count)
            #expect(report.views == 2)
            #expect(report.bots == 10)
            #expect(report.assets == 2)
            #expect(report.other == 6)
            #expect(report.malformed == 3)
        }
    }

    @Test func anOverlongLineIsMalformedAndTheRestIsRead() throws {
        try withFolder { folder in
            let huge = CounterFixtures.line("/tin/" + String(repeating: "x", count: 200_000) + "/")
            try CounterFixtures.write(CounterFixtures.views(2) + huge + "\n" + CounterFixtures.views(3, from: 2), to: folder.appendingPathComponent("access.log"))
            let result = CounterFixtures.ingest(folder)
            #expect(result.report.malformed == 1)
            #expect(result.report.views == 5)
            #expect(result.report.linesRead == 6)
        }
    }

    @Test func printViewsAndOldURLsCountForTheArticle() throws {
        try withFolder { folder in
            let lines = [article, article + "in/", "/tin-tuc/12.html", "/index.php?option=com_content&id=12", article + "?utm_source=zalo"]
                .map { CounterFixtures.line($0) }
            try CounterFixtures.write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("access.log"))
            let state = CounterFixtures.ingest(folder).state
            #expect(state.viewsByPage == [article: 5])
        }
    }

    @Test func visitorsAreCountedPerDayOfTheSiteTimeZoneWhateverTheLogsOffset() throws {
        try withFolder { folder in
            let agent = CounterFixtures.browser
            let lines = [
                // 24/Nov 17:30 UTC is 25/Nov 00:30 in Vietnam: the same day as the next line, the same visitor.
                CounterFixtures.line(article, ip: "192.0.2.1", time: "24/Nov/2026:17:30:00 +0000", agent: agent),
                CounterFixtures.line(article, ip: "192.0.2.1", time: "25/Nov/2026:08:00:00 +0700", agent: agent),
                // 24/Nov 16:59 UTC is 24/Nov 23:59 in Vietnam: the day before.
                CounterFixtures.line(article, ip: "192.0.2.1", time: "24/Nov/2026:16:59:00 +0000", agent: agent),
                // Same address, another browser: another visitor.
                CounterFixtures.line(article, ip: "192.0.2.1", time: "25/Nov/2026:09:00:00 +0700", agent: "Firefox"),
                // Same browser, another address: another visitor.
                CounterFixtures.line(article, ip: "192.0.2.2", time: "25/Nov/2026:09:00:00 +0700", agent: agent),
            ]
            try CounterFixtures.write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("access.log"))
            let state = CounterFixtures.ingest(folder).state
            let day24 = CivilDate.days(year: 2026, month: 11, day: 24), day25 = day24 + 1
            #expect(state.days[day24] == CounterState.Day(views: 1, visitors: 1))
            #expect(state.days[day25] == CounterState.Day(views: 4, visitors: 3))
        }
    }

    @Test func aVisitorSeenAgainInALaterBuildIsStillOneVisitorThatDay() throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log")
            try CounterFixtures.write(CounterFixtures.line(article, time: "25/Nov/2026:08:00:00 +0700") + "\n", to: log)
            let state = CounterFixtures.ingest(folder).state
            try CounterFixtures.append(CounterFixtures.line("/", time: "25/Nov/2026:10:00:00 +0700") + "\n", to: log)
            let day = CivilDate.days(year: 2026, month: 11, day: 25)
            #expect(CounterFixtures.ingest(folder, into: state).state.days[day] == CounterState.Day(views: 2, visitors: 1))
        }
    }

    @Test func onlineCountsDistinctVisitorsInTheWindowBeforeTheNewestEntry() throws {
        try withFolder { folder in
            let lines = [
                CounterFixtures.line(article, ip: "192.0.2.1", time: "25/Nov/2026:07:40:00 +0700"),  // 20 min before: out
                CounterFixtures.line(article, ip: "192.0.2.2", time: "25/Nov/2026:07:46:00 +0700"),  // in
                CounterFixtures.line("/", ip: "192.0.2.2", time: "25/Nov/2026:07:50:00 +0700"),      // same visitor
                CounterFixtures.line(article, ip: "192.0.2.3", time: "25/Nov/2026:07:59:00 +0700", agent: "Googlebot"), // a bot
                CounterFixtures.line(article, ip: "192.0.2.4", time: "25/Nov/2026:08:00:00 +0700"),  // in
                CounterFixtures.line("/assets/a.css", ip: "192.0.2.5", time: "25/Nov/2026:08:00:00 +0700"), // not a view
            ]
            try CounterFixtures.write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("access.log"))
            let state = CounterFixtures.ingest(folder).state
            var settings = CounterSettings()
            let snapshot = CounterSnapshot.make(state: state, pages: CounterFixtures.pages, timeZone: CounterFixtures.site.config.timeZone, settings: settings)
            #expect(snapshot.online == 2)
            settings.onlineWindow = 30 * 60
            #expect(CounterSnapshot.make(state: state, pages: CounterFixtures.pages, timeZone: CounterFixtures.site.config.timeZone, settings: settings).online == 2,
                    "the state keeps only the window it was ingested with")
        }
    }

    @Test func mostReadCountsTheLast30DaysAndTotalsCountForever() throws {
        try withFolder { folder in
            let site = CounterFixtures.site
            let older = "/tin/dao-tao-nghe/"
            var lines: [String] = []
            // 10 views of "Đào tạo nghề" 40 days before, 3 of "Hội nghị cán bộ" today, 1 of "Đào tạo nghề" today.
            for n in 0..<10 { lines.append(CounterFixtures.line(older, ip: "192.0.2.\(n)", time: "16/Oct/2026:08:00:00 +0700")) }
            for n in 0..<3 { lines.append(CounterFixtures.line(article, ip: "192.0.2.\(n)", time: "25/Nov/2026:08:00:00 +0700")) }
            lines.append(CounterFixtures.line(older, time: "25/Nov/2026:08:00:00 +0700"))
            try CounterFixtures.write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("access.log"))
            let state = CounterFixtures.ingest(folder).state
            var settings = CounterSettings()
            settings.baseline = 892_762
            let snapshot = CounterSnapshot.make(state: state, pages: CounterPages(PageTable(site: site)), timeZone: site.config.timeZone, settings: settings)
            let slugs = snapshot.mostRead.map(\.article.slug)
            #expect(slugs == ["hoi-nghi-can-bo", "dao-tao-nghe"])
            #expect(snapshot.mostRead.map(\.views) == [3, 1])
            #expect(snapshot.articleViews[ArticleID("dao-tao-nghe")] == 11)
            #expect(snapshot.total == 892_762 + 14)
            // The old day keeps its figures; its per-page detail and visitor keys are dropped.
            let october16 = CivilDate.days(year: 2026, month: 10, day: 16)
            #expect(state.days[october16] == CounterState.Day(views: 10, visitors: 10))
            #expect(state.recentDays[october16] == nil)
            #expect(state.recentDays.count == 1)
        }
    }

    @Test func aLogThatCannotBeReadIsAWarningAndIsReadLater() throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log")
            try CounterFixtures.write(CounterFixtures.views(5), to: log)
            let state = CounterFixtures.ingest(folder).state
            try CounterFixtures.append(CounterFixtures.views(2, from: 5), to: log)
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: log.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: log.path) }
            let blocked = CounterFixtures.ingest(folder, into: state)
            if getuid() != 0 { // root reads anything
                #expect(blocked.state.totalViews == 5)
                #expect(blocked.diagnostics.first?.message.contains("cannot be opened") == true)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: log.path)
            #expect(CounterFixtures.ingest(folder, into: blocked.state).state.totalViews == 7)
        }
    }

    @Test func aDamagedGzipFileIsAWarningAndItsGoodLinesCount() throws {
        try withFolder { folder in
            let plain = folder.appendingPathComponent("plain")
            try CounterFixtures.write(CounterFixtures.views(200), to: plain)
            let compressed = folder.appendingPathComponent("whole.gz")
            try CounterFixtures.gzip(plain, to: compressed)
            let data = try Data(contentsOf: compressed)
            try data.prefix(data.count * 2 / 3).write(to: folder.appendingPathComponent("access.log.2.gz"))
            let cut = CounterFixtures.ingest(folder)
            #expect(cut.state.totalViews > 0 && cut.state.totalViews < 200)
            #expect(cut.diagnostics.count == 1)
            #expect(cut.diagnostics.first?.message.contains("cut short") == true)
            // When the whole file arrives, the rest is counted.
            try FileManager.default.removeItem(at: folder.appendingPathComponent("access.log.2.gz"))
            try FileManager.default.copyItem(at: compressed, to: folder.appendingPathComponent("access.log.2.gz"))
            #expect(CounterFixtures.ingest(folder, into: cut.state).state.totalViews == 200)
        }
    }

    @Test func concatenatedGzipMembersAreOneLog() throws {
        try withFolder { folder in
            let first = folder.appendingPathComponent("a"), second = folder.appendingPathComponent("b")
            try CounterFixtures.write(CounterFixtures.views(3), to: first)
            try CounterFixtures.write(CounterFixtures.views(4, from: 3), to: second)
            try CounterFixtures.gzip(first, to: folder.appendingPathComponent("a.gz"))
            try CounterFixtures.gzip(second, to: folder.appendingPathComponent("b.gz"))
            let joined = try Data(contentsOf: folder.appendingPathComponent("a.gz")) + Data(contentsOf: folder.appendingPathComponent("b.gz"))
            try joined.write(to: folder.appendingPathComponent("access.log.3.gz"))
            #expect(CounterFixtures.ingest(folder).state.totalViews == 7)
        }
    }
}
