import Foundation

/// The figures a build shows, computed from the state alone (pure): "Tất cả", "Đang xem", each article's
/// "Lượt xem", the "Tin đọc nhiều" list, and the time of the newest log entry they stand for.
public struct CounterSnapshot: Sendable, Equatable {
    public struct PageViews: Sendable, Equatable {
        public var url: String
        public var title: String
        public var views: Int
    }

    public struct ArticleViews: Sendable, Equatable {
        public var article: ArticleID
        /// The article's canonical URL.
        public var url: String
        public var views: Int
    }

    public struct DayFigures: Sendable, Equatable {
        public var day: String
        public var views: Int
        public var visitors: Int
    }

    /// Baseline + every view counted from logs.
    public var total: Int
    public var baseline: Int
    /// Distinct visitors with a view in the online window before `time`.
    public var online: Int
    /// The newest log entry; nil before any log was read.
    public var time: Date?
    /// Views ever, per article (logs, old URLs, imported counts).
    var articleViews: [ArticleID: Int]
    /// Views of documents' pages and downloads of published files, by URL.
    var documentFigures: [String: Int] = [:]
    /// Articles most viewed in the last `mostReadDays` days first, with those views.
    public var mostRead: [ArticleViews]
    /// Every page with views, most viewed first (for `bantin counter`).
    public var topPages: [PageViews]
    /// Oldest first.
    public var days: [DayFigures]

    /// `imported`: views per canonical URL carried over from the old portal (`counter.import`).
    /// `pages`: the site's addresses (from its page table); `timeZone`: the site's, for days.
    public static func make(state: CounterState, pages: CounterPages, timeZone: TimeZone, settings: CounterSettings,
                            imported: [String: Int] = [:]) -> CounterSnapshot {
        var days = SiteDays(timeZone: timeZone)
        let snapshotDay = state.newestEntry.map { days.day(of: $0) }

        let articleURLs = pages.articles.map { [$0.url] + $0.oldPaths }
        var articleViews: [ArticleID: Int] = [:]
        articleViews.reserveCapacity(articleURLs.count)
        for (index, article) in pages.articles.enumerated() {
            articleViews[article.id] = articleURLs[index].reduce(0) { $0 + (state.viewsByPage[$1] ?? 0) }
                + (imported[article.url] ?? 0)
        }

        var mostRead: [(order: Int, views: ArticleViews)] = []
        if let snapshotDay {
            let recent = (snapshotDay - settings.mostReadDays + 1...snapshotDay).compactMap { state.recentDays[$0] }
            for (index, article) in pages.articles.enumerated() {
                let views = recent.reduce(0) { sum, day in
                    articleURLs[index].reduce(sum) { $0 + (day.viewsByPage[$1] ?? 0) }
                }
                if views > 0 { mostRead.append((index, ArticleViews(article: article.id, url: article.url, views: views))) }
            }
            // Ties: the newer article first (the table lists articles newest first).
            mostRead.sort { $0.views.views != $1.views.views ? $0.views.views > $1.views.views : $0.order < $1.order }
            mostRead = Array(mostRead.prefix(settings.mostReadCount))
        }

        var byURL = state.viewsByPage
        for (url, views) in imported { byURL[url, default: 0] += views }
        let topPages = byURL.filter { $0.value > 0 }
            .map { PageViews(url: $0.key, title: pages.titles[$0.key] ?? "", views: $0.value) }
            .sorted { $0.views != $1.views ? $0.views > $1.views : $0.url < $1.url }

        let online = state.newestEntry.map { newest in
            state.online.values.filter { $0 >= newest - settings.onlineWindow }.count
        } ?? 0
        var documentFigures: [String: Int] = [:]
        for url in pages.documentURLs { documentFigures[url] = (state.viewsByPage[url] ?? 0) + (imported[url] ?? 0) }
        var snapshot = CounterSnapshot(
            total: settings.baseline + state.totalViews, baseline: settings.baseline, online: online,
            time: state.newestEntry.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            articleViews: articleViews, mostRead: mostRead.map(\.views), topPages: topPages,
            days: state.days.keys.sorted().map {
                DayFigures(day: CivilDate.text(days: $0), views: state.days[$0]!.views, visitors: state.days[$0]!.visitors)
            })
        snapshot.documentFigures = documentFigures
        return snapshot
    }
}
