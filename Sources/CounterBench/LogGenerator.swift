import BanTinKit
import Foundation

/// Writes deterministic access logs in the combined format for a site: readers browsing pages (and the
/// assets those pull in), crawlers, 404 probes, other methods, and a few broken lines. The same seed
/// always gives the same log, so timings and cross-checks can be repeated.
struct LogGenerator {
    var random: SplitMix64
    let pageURLs: [String]
    let assetURLs: [String]
    let start: Int64
    let seconds: Int64
    let offset: String
    /// `offset` in seconds.
    let shift: Int64
    private var cachedDay = Int64.min
    private var cachedDate = ""

    static let browsers = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
        "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Mobile Safari/537.36 Zalo/24.10",
    ]
    static let crawlers = [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    ]
    static let tools = ["curl/7.88.1", "python-requests/2.31.0"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    init(site: Site, seed: UInt64, start: Date, days: Int, offset: String) {
        random = SplitMix64(seed: seed)
        let routes = Routes(baseURL: site.config.baseURL)
        var pages = [routes.home]
        for article in site.articles { pages += [routes.article(article.slug), routes.article(article.slug), routes.printView(article.slug)] }
        for category in site.categories { pages += [routes.category(category.slug), routes.category(category.slug, page: 2)] }
        for tag in site.tags.prefix(20) { pages.append(routes.tag(tag.slug)) }
        for page in site.pages { pages.append(routes.page(page.slug)) }
        pageURLs = pages
        assetURLs = [routes.assets + "/style.css", routes.assets + "/site.js", routes.assets + "/logo.svg", "/images/hoi-nghi.svg",
                     "/favicon.ico", "/images/dao-tao-nghe.svg"]
        self.start = Int64(start.timeIntervalSince1970)
        self.seconds = Int64(days) * 86_400
        self.offset = offset
        let sign: Int64 = offset.hasPrefix("-") ? -1 : 1
        let digits = offset.dropFirst()
        shift = sign * ((Int64(digits.prefix(2)) ?? 0) * 3600 + (Int64(digits.suffix(2)) ?? 0) * 60)
    }

    /// `count` lines, in time order, written to `url`.
    mutating func write(lines count: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        let visitors = 4000
        for number in 0..<count {
            let time = start + seconds * Int64(number) / Int64(max(count, 1))
            let visitor = Int(random.next() % UInt64(visitors))
            let address = "10.\(visitor / 65_536 % 256).\(visitor / 256 % 256).\(visitor % 256)"
            let browser = Self.browsers[visitor % Self.browsers.count]
            let roll = random.next() % 1000
            let line: String
            switch roll {
            case 0..<10:
                line = ["\(address) - - [broken line", "", "garbage \u{1}\u{2}", "\(address) - - [32/Foo/2026:99:00:00 +0700] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\""][Int(roll % 4)]
            case 10..<90:
                let agent = roll < 80 ? Self.crawlers[Int(roll) % Self.crawlers.count] : Self.tools[Int(roll) % 2]
                line = entry(address, time, "GET", pick(pageURLs), 200, agent)
            case 90..<130:
                line = entry(address, time, "GET", "/khong-co-\(random.next() % 500).html", 404, browser)
            case 130..<150:
                line = entry(address, time, roll < 140 ? "HEAD" : "POST", pick(pageURLs), 200, browser)
            case 150..<400:
                line = entry(address, time, "GET", pick(assetURLs), roll < 300 ? 200 : 304, browser)
            case 400..<430:
                line = entry(address, time, "GET", pick(pageURLs), 304, browser)
            case 430..<440:
                line = entry(address, time, "GET", pick(pageURLs) + "?utm_source=zalo&fbclid=\(random.next() % 100_000)", 200, browser)
            default:
                line = entry(address, time, "GET", pick(pageURLs), 200, browser)
            }
            buffer += line
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer.utf8))
    }

    private mutating func pick(_ list: [String]) -> String {
        list[Int(random.next() % UInt64(list.count))]
    }

    private mutating func entry(_ address: String, _ time: Int64, _ method: String, _ target: String, _ status: Int, _ agent: String) -> String {
        "\(address) - - [\(timestamp(time))] \"\(method) \(target) HTTP/1.1\" \(status) \(status == 304 ? 0 : 5120 + Int(time % 4096)) \"-\" \"\(agent)\""
    }

    /// "25/Nov/2026:08:00:01 +0700" for `time` (UTC seconds), written in the generator's offset.
    private mutating func timestamp(_ time: Int64) -> String {
        let local = time + shift
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let inDay = local - days * 86_400
        if days != cachedDay {
            // The calendar is slow; a log has few days.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(days * 86_400)))
            cachedDay = days
            cachedDate = two(parts.day!) + "/" + Self.months[parts.month! - 1] + "/" + String(parts.year!)
        }
        return cachedDate + ":" + two(inDay / 3600) + ":" + two(inDay / 60 % 60) + ":" + two(inDay % 60) + " " + offset
    }

    private func two<Number: BinaryInteger>(_ value: Number) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}

/// A small, fast, seedable random number generator (deterministic across runs and machines).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
