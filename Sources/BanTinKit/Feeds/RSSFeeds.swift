import Foundation

/// RSS 2.0 feeds: the whole site at /feed.xml and one per category (its subcategories included) at
/// /chuyen-muc/<slug>/feed.xml, each with the latest 20 articles.
enum RSSFeeds {
    static let itemCount = 20

    /// `feeds`: the page table's feed entries, nil for the whole site's, else a category's slug.
    static func files(_ site: Site, feeds: [String?], routes: Routes, dates: DateStyle) -> [OutputFile] {
        let formatter = RFC822(timeZone: dates.timeZone)
        return feeds.compactMap { slug in
            guard let slug else {
                return feed(site, positions: Array(site.articles.indices), title: site.config.title,
                            link: routes.home, url: routes.feed, routes: routes, dates: formatter)
            }
            guard let category = site.category(slug) else { return nil }
            return feed(site, positions: site.articleIndices(inTree: category.slug),
                        title: "\(category.name) - \(site.config.title)", link: routes.category(category.slug),
                        url: routes.categoryFeed(category.slug), routes: routes, dates: formatter)
        }
    }

    static func feed(_ site: Site, positions: [Int], title: String, link: String, url: String,
                     routes: Routes, dates: RFC822) -> OutputFile {
        let latest = positions.prefix(itemCount).map { site.articles[$0] }
        var xml = XMLText()
        xml.open("rss", ["version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"])
        xml.open("channel")
        xml.element("title", title)
        xml.element("link", routes.absolute(link))
        xml.element("description", site.config.description.isEmpty ? site.config.title : site.config.description)
        xml.element("language", site.config.language)
        // The newest article's date, not the clock: the same content gives the same feed.
        xml.element("lastBuildDate", latest.first.map { dates.string($0.date) })
        xml.empty("atom:link", ["href": routes.absolute(url), "rel": "self", "type": "application/rss+xml"])
        for article in latest {
            let articleURL = routes.absolute(routes.article(article.slug))
            xml.open("item")
            xml.element("title", article.title)
            xml.element("link", articleURL)
            xml.element("guid", articleURL, ["isPermaLink": "true"])
            xml.element("pubDate", dates.string(article.date))
            xml.element("category", site.category(article.categorySlug)?.name)
            xml.element("description", article.summary.isEmpty ? nil : article.summary)
            xml.close("item")
        }
        xml.close("channel")
        xml.close("rss")
        return OutputFile(path: routes.outputPath(for: url), text: xml.text)
    }
}

extension RSSFeeds {
    /// `/van-ban/feed.xml`: the latest 20 documents, newest issued first, each linking its page.
    static func documentsFeed(_ site: Site, routes: Routes, dates style: DateStyle) -> OutputFile {
        let dates = RFC822(timeZone: style.timeZone)
        let latest = site.documents.documents.prefix(itemCount)
        var xml = XMLText()
        xml.open("rss", ["version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"])
        xml.open("channel")
        xml.element("title", [style.documentsTitle, site.config.title].compactMap { $0 }.joined(separator: " - "))
        xml.element("link", routes.absolute(routes.documents()))
        xml.element("description", site.config.description.isEmpty ? site.config.title : site.config.description)
        xml.element("language", site.config.language)
        xml.element("lastBuildDate", latest.first.map { dates.string($0.issued) })
        xml.empty("atom:link", ["href": routes.absolute(routes.documentsFeed), "rel": "self", "type": "application/rss+xml"])
        for document in latest {
            let url = routes.absolute(routes.document(document.slug))
            xml.open("item")
            xml.element("title", style.documentTitle(type: document.type, number: document.number) + ": " + document.title)
            xml.element("link", url)
            xml.element("guid", url, ["isPermaLink": "true"])
            xml.element("pubDate", dates.string(document.issued))
            xml.element("category", document.type)
            xml.element("description", document.issuer + ": " + document.title)
            xml.close("item")
        }
        xml.close("channel")
        xml.close("rss")
        return OutputFile(path: routes.outputPath(for: routes.documentsFeed), text: xml.text)
    }
}

/// Dates as RSS wants them ("Wed, 25 Nov 2026 08:30:00 +0700"): English names whatever the machine's locale.
struct RFC822 {
    private let formatter: DateFormatter

    init(timeZone: TimeZone) {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    }

    func string(_ date: Date) -> String { formatter.string(from: date) }
}
