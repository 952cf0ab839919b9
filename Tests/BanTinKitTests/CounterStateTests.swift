import Foundation
import Testing
@testable import BanTinKit

@Suite struct CounterStateTests {
    func sampleState() throws -> CounterState {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try CounterFixtures.write(CounterFixtures.views(12), to: folder.appendingPathComponent("access.log"))
        return CounterFixtures.ingest(folder).state
    }

    @Test func theStateSurvivesTheRoundTripThroughItsFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = try sampleState()
        let store = CounterStore(url: folder.appendingPathComponent("data/visits.json"))
        #expect(try store.save(state))
        let loaded = store.load()
        #expect(loaded.state == state)
        #expect(loaded.canSave)
        #expect(loaded.diagnostics.isEmpty)
        // The same state is the same bytes: nothing is rewritten, nothing left behind.
        #expect(try store.save(state) == false)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("data").path))
                == ["visits.json", "visits.json.previous"])
        let text = try String(contentsOf: store.url, encoding: .utf8)
        #expect(text.contains("\"total_views\" : 12"))
        #expect(!text.contains("198.51.100"), "visitors are kept as hashes, not addresses")
    }

    @Test func theStateBeforeEachWriteIsKept() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CounterStore(url: folder.appendingPathComponent("visits.json"))
        var state = try sampleState()
        try store.save(state)
        state.totalViews += 1
        try store.save(state)
        let previous = try CounterStore.decode(Data(contentsOf: store.previousURL))
        #expect(previous.totalViews == state.totalViews - 1)
    }

    /// A save killed half-way leaves a torn temporary file beside the state, never a torn state: the file is
    /// only ever replaced whole, by rename.
    @Test func aSaveKilledMidWriteLeavesTheStateWhole() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CounterStore(url: folder.appendingPathComponent("visits.json"))
        var state = try sampleState()
        try store.save(state)
        let saved = try Data(contentsOf: store.url)
        // What a build killed during its write leaves (its process id cannot exist any more).
        let torn = folder.appendingPathComponent(".visits.json.\(Int32.max).tmp")
        try saved.prefix(saved.count / 2).write(to: torn)

        let loaded = store.load()
        #expect(loaded.state == state)
        #expect(loaded.diagnostics.isEmpty)

        // The next save replaces the file: a reader holding the old one still sees all of it.
        let reader = try FileHandle(forReadingFrom: store.url)
        defer { try? reader.close() }
        state.totalViews += 1
        try store.save(state)
        #expect(try reader.readToEnd() == saved)
        #expect(try CounterStore.decode(Data(contentsOf: store.url)).totalViews == state.totalViews)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["visits.json", "visits.json.previous"],
                "the abandoned temporary file is removed")
    }

    @Test func aDamagedStateIsKeptAsideReportedAndThePreviousOneUsed() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CounterStore(url: folder.appendingPathComponent("visits.json"), display: { $0.lastPathComponent })
        var state = try sampleState()
        try store.save(state)
        state.totalViews += 5
        try store.save(state)
        try Data("{\"format\": 1, \"total_vi".utf8).write(to: store.url)

        let now = ISO8601DateFormatter().date(from: "2026-11-25T01:02:03Z")!
        let loaded = store.load(now: now)
        #expect(loaded.state.totalViews == state.totalViews - 5)
        #expect(loaded.canSave)
        #expect(loaded.diagnostics.count == 1)
        let message = loaded.diagnostics.first?.description ?? ""
        #expect(message.hasPrefix("visits.json: warning: the visit counter's state is damaged"))
        #expect(message.contains("visits.json.corrupt-20261125T010203Z"))
        #expect(message.contains("visits.json.previous"))
        let aside = folder.appendingPathComponent("visits.json.corrupt-20261125T010203Z")
        #expect(try String(contentsOf: aside, encoding: .utf8) == "{\"format\": 1, \"total_vi")
    }

    @Test func aDamagedStateWithoutAPreviousOneStartsAgainLoudly() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CounterStore(url: folder.appendingPathComponent("visits.json"))
        try Data("not json".utf8).write(to: store.url)
        let loaded = store.load()
        #expect(loaded.state == CounterState())
        #expect(loaded.diagnostics.first?.message.contains("counting starts again") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasPrefix("visits.json.corrupt-") })
    }

    @Test func aStateFromANewerFormatIsLeftAlone() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CounterStore(url: folder.appendingPathComponent("visits.json"))
        var text = String(decoding: try CounterStore.encode(try sampleState()), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : 2")
        try Data(text.utf8).write(to: store.url)
        let loaded = store.load()
        #expect(!loaded.canSave)
        #expect(loaded.diagnostics.first?.message.contains("format 2") == true)
    }
}

@Suite struct CounterSettingsTests {
    func settings(_ yaml: String) -> (CounterSettings?, [Diagnostic]) {
        let (config, problems) = SiteConfig.parse(SourceFile(path: "content/site.yml", text: Fixtures.siteYAML + "\n" + yaml))
        return (config?.counter, problems)
    }

    @Test func readsEverySetting() throws {
        let (parsed, problems) = settings("""
            counter:
              logs: ["logs/access.log*", "/var/log/nginx/access.log*"]
              state: data/visits.json
              baseline: 892762
              import: data/old.csv
              online_window: 1h
              most_read: 8
              bots: [UptimeRobot, Pingdom]
            """)
        #expect(problems.isEmpty)
        let counter = try #require(parsed)
        #expect(counter.logs == ["logs/access.log*", "/var/log/nginx/access.log*"])
        #expect(counter.state == "data/visits.json")
        #expect(counter.baseline == 892_762)
        #expect(counter.importFile == "data/old.csv")
        #expect(counter.onlineWindow == 3600)
        #expect(counter.mostReadCount == 8)
        #expect(counter.bots == ["UptimeRobot", "Pingdom"])
    }

    @Test func defaultsAndNoSection() throws {
        #expect(settings("").0 == nil)
        let counter = try #require(settings("counter:\n  logs: access.log").0)
        #expect(counter.state == "content/data/visits.json")
        #expect(counter.onlineWindow == 15 * 60)
        #expect(counter.baseline == 0)
    }

    @Test func mistakesAreReportedOnTheirLines() {
        let (_, problems) = settings("""
            counter:
              logs: ["access.log"]
              baseline: nhiều
              online_window: 15 phút
              bot: [x]
            """)
        let counterLine = Fixtures.siteYAML.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(problems.map(\.description) == [
            "content/site.yml:\(counterLine + 4): warning: unknown key \"bot\" in counter; did you mean \"bots\"?",
            "content/site.yml:\(counterLine + 2): error: \"baseline\" must be a whole number from 0 to 2147483647000, found \"nhiều\"",
            "content/site.yml:\(counterLine + 3): error: \"online_window\" must be minutes (15) or a text such as \"15m\" or \"1h\", at most a day; found \"15 phút\"",
        ])
    }
}

@Suite struct CounterFormattingTests {
    @Test func vietnameseGroupsThousandsWithDots() {
        let style = NumberStyle()
        #expect(style.format(892_762) == "892.762")
        #expect(style.format(1_234_567) == "1.234.567")
        #expect(style.format(17) == "17")
        #expect(style.format(0) == "0")
        #expect(style.format(-1000) == "-1.000")
        #expect(NumberStyle(thousandsSeparator: " ").format(892_762) == "892 762")
    }

    @Test func snapshotTimeIsWrittenInTheSiteTimeZone() {
        let date = ISO8601DateFormatter().date(from: "2026-11-25T01:00:00Z")!
        #expect(Fixtures.dates.dateTime(date) == "08:00 25/11/2026")
    }

    @Test func importedViewsLandOnTheArticlesTheirOldURLsNamed() {
        let csv = SourceFile(path: "content/data/old.csv", text: """
            url,views
            /tin-tuc/12.html,1500
            "https://old.example.gov.vn/index.php?option=com_content&id=12",25
            /tin-tuc/99.html,7
            /gioi-thieu/,abc
            """)
        let (views, problems) = ViewImport.parse(csv, pages: CounterFixtures.pages)
        #expect(views == ["/tin/hoi-nghi-can-bo/": 1525])
        #expect(problems.map(\.description) == [
            "content/data/old.csv:5: warning: expected \"url,views\" with a whole number of views, found \"/gioi-thieu/,abc\"; line skipped",
            "content/data/old.csv: warning: 1 URL is not a page of this site (e.g. \"/tin-tuc/99.html\"); add old URLs to the articles' \"aliases\" to carry their views over",
        ])
        let snapshot = CounterSnapshot.make(state: CounterState(), pages: CounterFixtures.pages, timeZone: CounterFixtures.site.config.timeZone, settings: CounterSettings(), imported: views)
        #expect(snapshot.articleViews[ArticleID("hoi-nghi-can-bo")] == 1525)
        #expect(snapshot.total == 0, "imported views are already in the baseline")
    }
}
