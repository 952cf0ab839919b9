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
        /// Position in `site.articles`.
        public var index: Int
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
    /// Views ever, per article position in `site.articles` (logs, old URLs, imported counts).
    public var articleViews: [Int]
    /// Article positions, most viewed in the last `mostReadDays` days first, with those views.
    public var mostRead: [ArticleViews]
    /// Every page with views, most viewed first (for `bantin counter`).
    public var topPages: [PageViews]
    /// Oldest first.
    public var days: [DayFigures]

    /// `imported`: views per canonical URL carried over from the old portal (`counter.import`).
    public static func make(state: CounterState, site: Site, settings: CounterSettings,
                            imported: [String: Int] = [:], pages known: CounterPages? = nil) -> CounterSnapshot {
        let routes = Routes(baseURL: site.config.baseURL)
        let pages = known ?? CounterPages(site: site, routes: routes)
        var days = SiteDays(timeZone: site.config.timeZone)
        let snapshotDay = state.newestEntry.map { days.day(of: $0) }

        // An article's views are those of its URL and of its old URLs, where an earlier slug's views were kept.
        func urls(of article: Article) -> [String] {
            let own = routes.article(article.slug)
            let old = article.aliases.map { CounterPages.normalise($0).path }
                .filter { $0 != own && pages.titles[$0] == nil }
            return [own] + Set(old).sorted()
        }
        let articleURLs = site.articles.map(urls)
        let articleViews = site.articles.indices.map { index in
            articleURLs[index].reduce(0) { $0 + (state.viewsByPage[$1] ?? 0) } + (imported[articleURLs[index][0]] ?? 0)
        }

        var mostRead: [ArticleViews] = []
        if let snapshotDay {
            let recent = (snapshotDay - settings.mostReadDays + 1...snapshotDay).compactMap { state.recentDays[$0] }
            for index in site.articles.indices {
                let views = recent.reduce(0) { sum, day in
                    articleURLs[index].reduce(sum) { $0 + (day.viewsByPage[$1] ?? 0) }
                }
                if views > 0 { mostRead.append(ArticleViews(index: index, views: views)) }
            }
            // Ties: the newer article first (positions are newest first).
            mostRead.sort { $0.views != $1.views ? $0.views > $1.views : $0.index < $1.index }
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
        return CounterSnapshot(
            total: settings.baseline + state.totalViews, baseline: settings.baseline, online: online,
            time: state.newestEntry.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            articleViews: articleViews, mostRead: mostRead, topPages: topPages,
            days: state.days.keys.sorted().map {
                DayFigures(day: CivilDate.text(days: $0), views: state.days[$0]!.views, visitors: state.days[$0]!.visitors)
            })
    }
}
