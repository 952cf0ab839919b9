import BanTinKit
import Foundation

/// Inputs the fuzzers feed to the parsers editors and web servers reach: any bytes must give a value or a
/// diagnostic, never a crash or a hang.
enum FuzzTargets {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// Decoding, front-matter splitting, YAML and typed fields: the whole path of one article file.
    static func articleFile(_ bytes: [UInt8]) {
        guard let file = try? SourceFile.decode(Data(bytes), path: "fuzz.md") else { return }
        _ = try? FrontMatter.split(file.text)
        _ = ArticleSource.read(file, timeZone: zone)
    }

    /// A small site whose URLs (and one old URL with a query) the log lines are mapped to.
    static let pages: CounterPages = {
        var article = Article(sourcePath: "a.md", slug: "tin-a", title: "Tin A", date: Date(timeIntervalSince1970: 0),
                              categorySlug: "chung", markdown: "")
        article.aliases = ["/tin-tuc/1.html", "/index.php?id=1"]
        let config = SiteConfig(title: "Sở", baseURL: URL(string: "https://example.gov.vn/")!)
        let site = Site(config: config, categories: [Category(name: "Chung", slug: "chung", order: 1)], articles: [article])
        return CounterPages(PageTable(site: site))
    }()
    static let rules = PageViewRules(extraBots: ["pingdom"])

    /// Access-log lines: the combined-format parser, then the bot rules and the URL → page mapping.
    static func logLines(_ bytes: [UInt8]) {
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            Array(line).withUnsafeBufferPointer { buffer in
                guard let parsed = LogLine.parse(buffer) else { return }
                _ = rules.isBot(UnsafeBufferPointer(rebasing: buffer[parsed.userAgent]))
                _ = pages.resolve(String(decoding: UnsafeBufferPointer(rebasing: buffer[parsed.target]), as: UTF8.self))
            }
        }
    }

    static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "logline": logLines(bytes)
        default: articleFile(bytes)
        }
    }
}
