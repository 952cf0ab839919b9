import ArgumentParser
import BanTinKit
import Foundation

/// `bantin counter`: the visit counter's snapshot, from the state and the logs as they are now, without
/// building. Nothing is saved (the next `bantin build` counts the same lines, once), so it is safe to run
/// at any time.
struct CounterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counter", abstract: Terminal.bilingual("help.counter"))

    @OptionGroup var project: ProjectOptions

    @Option(name: .customLong("logs"), help: "Access log glob pattern instead of counter.logs (repeatable).")
    var logPatterns: [String] = []

    @Option(help: "State file instead of counter.state (e.g. an empty one, to count a log from scratch).")
    var state: String?

    @Option(help: "How many pages and days to list.")
    var top = 10

    @Flag(help: "Print JSON: totals, every day and every page.")
    var json = false

    func run() throws {
        project.language()
        let options = project.build()
        let site: Site
        do {
            let warnings: [Diagnostic]
            (site, warnings) = try Build.site(options)
            Terminal.print(warnings)
        } catch let error as BuildFailure {
            Terminal.print(error.diagnostics)
            throw ExitCode.failure
        }
        // With --logs, a site without a counter section can still be counted (default settings).
        guard let settings = site.config.counter ?? (logPatterns.isEmpty ? nil : CounterSettings()) else {
            Terminal.error("\(project.content)/site.yml has no \"counter:\" section (or give --logs)")
            throw ExitCode.failure
        }
        var locations = VisitCounter.Locations.project(of: options.contentDirectory)
        locations.logPatterns = logPatterns.isEmpty ? nil : logPatterns
        locations.stateFile = state.map { URL(fileURLWithPath: $0) }
        // Counted as a build counts, but never committed: nothing is saved.
        let counter = try VisitCounter.prepare(pages: PageTable(site: site), timeZone: site.config.timeZone,
                                           settings: settings, locations: locations, mode: .countWithoutSaving)
        Terminal.print(counter.diagnostics)
        guard let snapshot = counter.snapshot else {
            Terminal.error("the counter's state cannot be read; no figures")
            throw ExitCode.failure
        }
        let locale = TemplateLoader(templatesDirectory: options.templatesDirectory)
        let dates = (try? locale.dateStyle(timeZone: site.config.timeZone))
            ?? DateStyle(weekdays: [], longPattern: "", shortPattern: "", timeZone: site.config.timeZone)
        let numbers = (try? locale.numberStyle()) ?? NumberStyle()
        if json {
            print(try jsonText(snapshot, report: counter.report, site: site, dates: dates))
        } else {
            printText(snapshot, counter: counter, site: site, dates: dates, numbers: numbers)
        }
    }

    func printText(_ snapshot: CounterSnapshot, counter: VisitCounter, site: Site, dates: DateStyle, numbers: NumberStyle) {
        let format = numbers.format
        let zone = site.config.timeZone.identifier
        print(snapshot.time.map { "snapshot at \(dates.dateTime($0)) (\(zone)), the newest log entry" } ?? "no log entry counted yet")
        print("total:  \(format(snapshot.total)) (baseline \(format(snapshot.baseline)) + \(format(snapshot.total - snapshot.baseline)) views counted)")
        print("online: \(format(snapshot.online)) (visitors with a view in the \(counter.settings.onlineWindow / 60) minutes before the newest entry)")
        print(counter.report.summary + " (not saved: bantin build saves the state)")

        print("\nmost read, last \(counter.settings.mostReadDays) days:")
        if snapshot.mostRead.isEmpty { print("  (none)") }
        for entry in snapshot.mostRead {
            print("  \(pad(format(entry.views), 9))  \(entry.url)  \(site.article(entry.article.slug)?.title ?? "")")
        }
        print("\ntop pages, all time:")
        if snapshot.topPages.isEmpty { print("  (none)") }
        for page in snapshot.topPages.prefix(top) {
            print("  \(pad(format(page.views), 9))  \(page.url)  \(page.title)")
        }
        print("\nlast days (views, unique visitors):")
        if snapshot.days.isEmpty { print("  (none)") }
        for day in snapshot.days.suffix(top) {
            print("  \(day.day)  \(pad(format(day.views), 9))  \(pad(format(day.visitors), 9))")
        }
    }

    func jsonText(_ snapshot: CounterSnapshot, report: CounterReport, site: Site, dates: DateStyle) throws -> String {
        let value: [String: Any] = [
            "time": snapshot.time.map(dates.iso) ?? NSNull(),
            "total": snapshot.total,
            "baseline": snapshot.baseline,
            "online": snapshot.online,
            "days": snapshot.days.map { ["day": $0.day, "views": $0.views, "visitors": $0.visitors] },
            "pages": snapshot.topPages.map { ["url": $0.url, "title": $0.title, "views": $0.views] },
            "most_read": snapshot.mostRead.map {
                ["url": $0.url, "title": site.article($0.article.slug)?.title ?? "", "views": $0.views]
            },
            "read": ["files": report.files, "lines": report.linesRead, "views": report.views, "bots": report.bots,
                     "assets": report.assets, "other": report.other, "malformed": report.malformed],
        ]
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
