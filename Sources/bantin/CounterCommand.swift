import ArgumentParser
import BanTinKit
import Foundation

/// `bantin counter`: the visit counter's snapshot, from the state and the logs as they are now, without
/// building. Nothing is saved (the next `bantin build` counts the same lines, once), so it is safe to run
/// at any time.
struct CounterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counter", abstract: "Print the visit counter's figures (totals, online, top pages) without building.")

    @Option(help: "Folder with site.yml, articles/, pages/.")
    var content = "content"

    @Option(help: "Folder with locale.yml (how numbers and times are written).")
    var templates = "templates"

    @Option(name: .customLong("logs"), help: "Access log glob pattern instead of counter.logs (repeatable).")
    var logPatterns: [String] = []

    @Option(help: "State file instead of counter.state (e.g. an empty one, to count a log from scratch).")
    var state: String?

    @Option(help: "How many pages and days to list.")
    var top = 10

    @Flag(help: "Print JSON: totals, every day and every page.")
    var json = false

    func run() throws {
        let contentURL = URL(fileURLWithPath: content).standardizedFileURL
        let loaded = ContentLoader(contentDirectory: contentURL).load()
        guard let siteFile = loaded.siteFile, !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            Terminal.print(loaded.diagnostics)
            throw ExitCode.failure
        }
        let site: Site
        do {
            (site, _, _) = try Build.model(siteFile: siteFile, articleFiles: loaded.articleFiles, pageFiles: loaded.pageFiles,
                                           options: Build.Options(contentDirectory: contentURL, templatesDirectory: contentURL,
                                                                  outputDirectory: contentURL))
        } catch {
            Terminal.print(error.diagnostics)
            throw ExitCode.failure
        }
        let (parsed, problems) = CounterSettings.parse(site.config)
        if problems.contains(where: { $0.severity == .error }) {
            Terminal.print(problems)
            throw ExitCode.failure
        }
        // With --logs, a site without a counter section can still be counted (default settings).
        guard let settings = parsed ?? (logPatterns.isEmpty ? nil : CounterSettings()) else {
            Terminal.error("\(content)/site.yml has no \"counter:\" section (or give --logs)")
            throw ExitCode.failure
        }
        let root = contentURL.deletingLastPathComponent()
        let counter = VisitCounter.prepare(site: site, settings: settings, locations: .init(
            projectRoot: root, logPatterns: logPatterns.isEmpty ? nil : logPatterns,
            stateFile: state.map { URL(fileURLWithPath: $0) },
            display: { url in
                let path = url.standardizedFileURL.path
                return path.hasPrefix(root.path + "/") ? String(path.dropFirst(root.path.count + 1)) : path
            }))
        Terminal.print(problems.filter { !$0.message.contains("no \"logs\" given") || logPatterns.isEmpty } + counter.diagnostics)
        guard let snapshot = counter.snapshot else {
            Terminal.error("the counter's state cannot be read; no figures")
            throw ExitCode.failure
        }
        let locale = TemplateLoader(templatesDirectory: URL(fileURLWithPath: templates))
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

        let routes = Routes(baseURL: site.config.baseURL)
        print("\nmost read, last \(counter.settings.mostReadDays) days:")
        if snapshot.mostRead.isEmpty { print("  (none)") }
        for entry in snapshot.mostRead {
            let article = site.articles[entry.index]
            print("  \(pad(format(entry.views), 9))  \(routes.article(article.slug))  \(article.title)")
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
        let routes = Routes(baseURL: site.config.baseURL)
        let value: [String: Any] = [
            "time": snapshot.time.map(dates.iso) ?? NSNull(),
            "total": snapshot.total,
            "baseline": snapshot.baseline,
            "online": snapshot.online,
            "days": snapshot.days.map { ["day": $0.day, "views": $0.views, "visitors": $0.visitors] },
            "pages": snapshot.topPages.map { ["url": $0.url, "title": $0.title, "views": $0.views] },
            "most_read": snapshot.mostRead.map {
                ["url": routes.article(site.articles[$0.index].slug), "title": site.articles[$0.index].title, "views": $0.views]
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
