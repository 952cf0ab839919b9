import Foundation

/// Counts log lines: the per-line work of the counter, on bytes and small integers only, since a build may
/// read millions of lines. Decisions that need text (is this user agent a bot, which page is this URL) are
/// made once per distinct user agent or URL and remembered by hash.
struct VisitTally {
    struct Day {
        var views = 0
        var visitors: Set<UInt64> = []
        /// Page number → views.
        var viewsByPage: [Int: Int] = [:]
    }

    let rules: PageViewRules
    let pages: CounterPages
    let onlineWindow: Int64
    private var siteDays: SiteDays

    private(set) var report = CounterReport()
    /// Canonical URLs of the pages seen, numbered in order of appearance.
    private(set) var pageURLs: [String] = []
    private(set) var viewsByPage: [Int] = []
    /// Day number → that day's counts; the day being counted lives in `current` until `flush()`.
    private(set) var days: [Int: Day] = [:]
    private var currentDayNumber = Int.min
    private var current = Day()
    private(set) var online: [UInt64: Int64] = [:]
    /// The newest entry of any kind (views, bots, assets): "now" as far as the logs tell.
    private(set) var newest: Int64?
    /// Lines dated after this are counted as `future` and skipped.
    var latestTime: Int64 = .max

    private var botByAgent: [UInt64: Bool] = [:]
    /// URL hash → page number, or `asset` / `other`.
    private var resolutionByTarget: [UInt64: Int] = [:]
    private var pageNumbers: [String: Int] = [:]
    private static let asset = -1
    private static let other = -2
    /// Page numbers of published files: their requests are downloads.
    private var downloadNumbers: Set<Int> = []
    /// Scanners send millions of distinct URLs and agents; the caches start over rather than grow without end.
    private static let cacheLimit = 200_000

    init(rules: PageViewRules, pages: CounterPages, timeZone: TimeZone, onlineWindow: Int64, newestSoFar: Int64?) {
        self.rules = rules
        self.pages = pages
        self.onlineWindow = onlineWindow
        self.siteDays = SiteDays(timeZone: timeZone)
        self.newest = newestSoFar
    }

    var timeZone: TimeZone { siteDays.timeZone }

    mutating func day(of time: Int64) -> Int { siteDays.day(of: time) }

    /// Lines too long to be log lines, skipped by the reader: malformed.
    mutating func countOverlong(_ count: Int) {
        report.linesRead += count
        report.malformed += count
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        report.linesRead += 1
        guard let line = LogLine.parse(bytes) else {
            report.malformed += 1
            return
        }
        guard line.time <= latestTime else {
            report.future += 1
            return
        }
        if line.time > newest ?? .min { newest = line.time }
        let agentHash = StableHash.of(UnsafeBufferPointer(rebasing: bytes[line.userAgent]))
        let isBot: Bool
        if let known = botByAgent[agentHash] {
            isBot = known
        } else {
            isBot = rules.isBot(UnsafeBufferPointer(rebasing: bytes[line.userAgent]))
            if botByAgent.count >= Self.cacheLimit { botByAgent.removeAll(keepingCapacity: true) }
            botByAgent[agentHash] = isBot
        }
        if isBot {
            report.bots += 1
            return
        }
        let page = resolve(UnsafeBufferPointer(rebasing: bytes[line.target]))
        if page == Self.asset {
            report.assets += 1
            return
        }
        guard page >= 0, PageViewRules.isViewStatus(line.status),
              PageViewRules.isViewMethod(UnsafeBufferPointer(rebasing: bytes[line.method])) else {
            report.other += 1
            return
        }
        // A download counts for its file only: not a page view, not a visitor, not in the day's figures.
        if downloadNumbers.contains(page) {
            guard line.status == 200 else {
                report.other += 1
                return
            }
            report.downloads += 1
            viewsByPage[page] += 1
            return
        }
        report.views += 1
        viewsByPage[page] += 1
        let visitor = StableHash.combine(StableHash.of(UnsafeBufferPointer(rebasing: bytes[line.address])), agentHash)
        let dayNumber = siteDays.day(of: line.time)
        if dayNumber != currentDayNumber { switchDay(to: dayNumber) }
        current.views += 1
        current.visitors.insert(visitor)
        current.viewsByPage[page, default: 0] += 1
        if line.time >= (newest ?? line.time) - onlineWindow, line.time > online[visitor] ?? .min {
            online[visitor] = line.time
            if online.count > 4096 { pruneOnline() }
        }
    }

    /// Puts the day being counted back among the others; call before reading `days`.
    mutating func flush() {
        if currentDayNumber != Int.min { days[currentDayNumber] = current }
        currentDayNumber = Int.min
        current = Day()
    }

    private mutating func switchDay(to number: Int) {
        flush()
        // Moved out of the dictionary, not copied, so its set is not duplicated on the next insert.
        current = days.removeValue(forKey: number) ?? Day()
        currentDayNumber = number
    }

    /// Keeps only visitors seen within the online window of the newest entry.
    mutating func pruneOnline() {
        guard let newest else { return }
        online = online.filter { $0.value >= newest - onlineWindow }
    }

    private mutating func resolve(_ target: UnsafeBufferPointer<UInt8>) -> Int {
        let key = StableHash.of(target)
        if let known = resolutionByTarget[key] { return known }
        let number: Int
        switch pages.resolve(String(decoding: target, as: UTF8.self)) {
        case .asset: number = Self.asset
        case .other: number = Self.other
        case .page(let url), .download(let url):
            if let existing = pageNumbers[url] {
                number = existing
            } else {
                number = pageURLs.count
                pageNumbers[url] = number
                pageURLs.append(url)
                viewsByPage.append(0)
                if case .download = pages.resolve(url) { downloadNumbers.insert(number) }
            }
        }
        if resolutionByTarget.count >= Self.cacheLimit { resolutionByTarget.removeAll(keepingCapacity: true) }
        resolutionByTarget[key] = number
        return number
    }
}
