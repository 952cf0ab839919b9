/// "Các tin liên quan" for each article. For now: pinned articles first, then the latest other
/// articles of the same category. (Positions refer to `site.articles`.)
public enum RelatedNews {
    public static func compute(_ site: Site) -> [[Int]] {
        let count = site.config.relatedCount
        return site.articles.indices.map { index in
            let article = site.articles[index]
            var chosen = article.relatedPins.compactMap { site.articleIndex[$0] }.filter { $0 != index }
            for other in site.articlesByCategory[article.categorySlug] ?? [] where chosen.count < count {
                if other != index && !chosen.contains(other) { chosen.append(other) }
            }
            return Array(chosen.prefix(max(count, article.relatedPins.count)))
        }
    }
}
