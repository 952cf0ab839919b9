import Foundation
@testable import BanTinKit

/// A small site and generated access logs for the counter's tests.
enum CounterFixtures {
    static let seedSlug = "hoi-nghi-can-bo"

    /// Two articles (one with old URLs), a tag, a static page.
    static var site: Site {
        let articles = [
            Fixtures.article("a", title: "Hội nghị cán bộ", date: "2026-11-20",
                             extra: "tags: [hội nghị]\naliases: [\"/tin-tuc/12.html\", \"/index.php?option=com_content&id=12\", \"https://old.example.gov.vn/tin/cu/\"]"),
            Fixtures.article("b", title: "Đào tạo nghề", date: "2026-11-24", category: "Giáo dục nghề nghiệp"),
        ]
        let page = SourceFile(path: "content/pages/gioi-thieu.md", text: "---\ntitle: Giới thiệu\n---\nSở.")
        let (site, _, _) = try! Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: articles, pageFiles: [page],
                                            options: Fixtures.options)
        return site
    }

    static var pages: CounterPages { CounterPages(PageTable(site: site)) }

    static let browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"

    /// One combined-format line; `time` as in the log ("25/Nov/2026:08:00:01 +0700").
    static func line(_ path: String, ip: String = "203.0.113.9", time: String = "25/Nov/2026:08:00:01 +0700",
                     method: String = "GET", status: Int = 200, agent: String = browser) -> String {
        "\(ip) - - [\(time)] \"\(method) \(path) HTTP/1.1\" \(status) 5120 \"-\" \"\(agent)\""
    }

    /// `count` distinct page views of the first article, one visitor each, a second apart from `minute`.
    static func views(_ count: Int, from first: Int = 0, hour: Int = 8, path: String = "/tin/\(seedSlug)/") -> String {
        (first..<(first + count)).map { n in
            line(path, ip: "198.51.100.\(n % 250)", time: String(format: "25/Nov/2026:%02d:%02d:%02d +0700", hour, n / 60 % 60, n % 60),
                 agent: "Mozilla/5.0 reader-\(n)")
        }.joined(separator: "\n") + "\n"
    }

    static var settings: LogIngester.Settings {
        LogIngester.Settings(rules: PageViewRules(), timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!, onlineWindow: 15 * 60)
    }

    /// Ingests every file in `folder` matching `access.log*` into `state`.
    static func ingest(_ folder: URL, into state: CounterState = CounterState(),
                       settings: LogIngester.Settings = settings) -> LogIngester.Result {
        let (files, _) = LogFiles.expand(["access.log*"], root: folder)
        return LogIngester.ingest(files, into: state, pages: pages, settings: settings)
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    static func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// `gzip` as logrotate runs it.
    static func gzip(_ source: URL, to target: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c \"$0\" > \"$1\"", source.path, target.path]
        try process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "gzip failed")
    }

    static func move(_ source: URL, to target: URL) throws {
        try FileManager.default.moveItem(at: source, to: target)
    }
}
