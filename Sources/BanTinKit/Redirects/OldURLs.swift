/// An address of the old portal (`aliases:` in front matter) and the page that replaces it.
struct OldURL: Sendable, Hashable {
    /// Root-relative, with its query if any ("/index.php?option=com_content&id=123").
    var alias: String
    /// Root-relative URL of the new page.
    var target: String
    var targetTitle: String
    /// The content file that claims the alias.
    var owner: String

    var path: String { String(alias.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]) }
    /// The query without "?", nil when there is none.
    var query: String? {
        let parts = alias.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[1]) : nil
    }
}

enum OldURLs {
    /// Every alias of every article and static page, in a stable order; repeats within one file count once.
    static func all(_ site: Site, routes: Routes) -> [OldURL] {
        var found: [OldURL] = []
        for article in site.articles {
            for alias in unique(article.aliases) {
                found.append(OldURL(alias: alias, target: routes.article(article.slug), targetTitle: article.title,
                                    owner: article.sourcePath))
            }
        }
        for page in site.pages {
            for alias in unique(page.aliases) {
                found.append(OldURL(alias: alias, target: routes.page(page.slug), targetTitle: page.title, owner: page.sourcePath))
            }
        }
        return found
    }

    private static func unique(_ aliases: [String]) -> [String] {
        var seen: Set<String> = []
        return aliases.filter { seen.insert($0).inserted }
    }
}
