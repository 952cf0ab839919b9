import Foundation

/// Builds the values templates see (see templates/README.md). Plain dictionaries: fast for Mustache and
/// easy to read in a test. Values shared by many pages are built once here and reused.
struct PageContexts {
    private(set) var site: Site
    let routes: Routes
    let dates: DateStyle
    /// One list entry per article (same positions as `site.articles`).
    let items: [[String: Any]]
    /// Keys every page carries (site, menus, sidebars), built once per build.
    let shared: [String: Any]
    /// The main menu's links, and the menu with no link active (first) or link `i` active (`i + 1`).
    private let menuTargets: [String]
    private let menus: [[[String: Any]]]
    /// The department as structured data names it: every article's publisher.
    private let publisher: StructuredData.Organization
    /// The processed pictures: `picture` values of articles, photos and albums.
    let images: ImageCatalog
    /// Renders an article's list entry (kept to render the home page's first entry again, its picture not lazy).
    private let itemHTML: (([String: Any]) -> String)?
    /// Each article's key in the counter's views file (with a `counter:` section only).
    private let viewsKeys: ArticleKeys?

    /// `itemHTML` renders an article's item once (the `item` template), kept in the item as `html`.
    init(site: Site, routes: Routes, dates: DateStyle, numbers: NumberStyle = NumberStyle(),
         images: ImageCatalog = .empty, itemHTML: (([String: Any]) -> String)? = nil) {
        self.site = site
        self.routes = routes
        self.dates = dates
        self.images = images
        self.itemHTML = itemHTML
        self.items = Parallel.map(site.articles.count) { index in
            var item = Self.item(site.articles[index], site: site, routes: routes, dates: dates, images: images)
            if let itemHTML { item["html"] = itemHTML(item) }
            return item
        }
        var shared = Self.sharedValues(site: site, routes: routes, items: items, images: images)
        shared.merge(Self.counterValues(site: site, routes: routes)) { _, new in new }
        shared.merge(Self.readerValues(site: site, routes: routes)) { _, reader in reader }
        self.shared = shared
        viewsKeys = site.config.counter == nil ? nil : ArticleKeys(urls: site.articles.map { routes.article($0.slug) })
        let targets = site.config.menu.map { routes.resource($0.url) }
        menuTargets = targets
        publisher = StructuredData.Organization(
            name: site.config.title, url: routes.absolute(routes.home), logo: routes.absolute(routes.appleTouchIcon),
            logoSize: Routes.appleTouchIconSize, contact: site.config.contact)
        menus = (-1..<targets.count).map { active in
            zip(site.config.menu, targets).enumerated().map { index, entry -> [String: Any] in
                ["title": entry.0.title, "url": entry.1, "is_active": index == active]
            }
        }
    }

    /// The same values with one article's body rendered anew. Its list entry is kept: the caller makes sure
    /// nothing the entry shows (title, date, summary, …) changed.
    func replacingBody(of index: Int, with article: Article) -> PageContexts {
        var copy = self
        copy.site.updateArticles { $0[index] = article }
        return copy
    }

    /// The values many pages hold as they are (the list entries, the menus), for hashing once per build.
    var valuesManyPagesShare: [Any] { items + menus.map { $0 as Any } }

    // MARK: pages

    func article(_ index: Int, related: [ArticleID]) -> [String: Any] {
        let article = site.articles[index]
        let url = routes.article(article.slug)
        var values = items[index]
        values["absolute_url"] = routes.absolute(url)
        values["print_url"] = routes.printView(article.slug)
        values["views_key"] = viewsKeys?[url]
        values["back_url"] = routes.category(article.categorySlug)
        values["breadcrumb"] = breadcrumb(article.categorySlug)
        // Absent, not "": swift-mustache renders a section over an empty string.
        values["author"] = article.author
        values["source"] = article.source
        values["image_url"] = article.image.map { routes.absolute(routes.resource($0)) }
        let picture = values["picture"] as? [String: Any]
        if let src = picture?["src"] as? String { values["image_url"] = routes.absolute(src) }
        values["has_byline"] = article.author != nil || article.source != nil
        values["body_html"] = article.bodyHTML
        values["tags"] = article.tags.map { ["name": $0.name, "url": routes.tag($0.slug)] }
        values["has_tags"] = !article.tags.isEmpty
        values["related"] = related.compactMap { site.articleIndex[$0.slug].map { items[$0] } }
        values["has_related"] = !related.isEmpty
        // Facebook and Zalo show no SVG: a drawing leaves the site's default picture in place.
        // A processed photo is shared as its og:image JPEG (1200 px wide), with its size.
        let og = picture?["og"] as? [String: Any]
        let photo = (og?["url"] as? String).map(routes.absolute)
            ?? article.image.flatMap { Self.isRaster($0) && picture == nil ? routes.absolute(routes.resource($0)) : nil }
        let category = site.category(article.categorySlug)
        values["json_ld"] = StructuredData.article(StructuredData.ArticleFacts(
            url: routes.absolute(url), headline: article.title, description: article.summary,
            published: dates.iso(article.date), language: site.config.language, section: category?.name,
            keywords: article.tags.map(\.name), image: photo ?? routes.absolute(routes.defaultShareImage),
            author: article.author,
            trail: [(site.config.title, routes.absolute(routes.home))]
                + site.ancestry(of: article.categorySlug).map { ($0.name, routes.absolute(routes.category($0.slug))) }),
            publisher: publisher)
        var context = page(url: url, title: article.title, description: article.summary, extra: ["article": values])
        context["og_type"] = "article"
        if let photo {
            var share: [String: Any] = ["url": photo, "alt": article.imageAlt ?? article.title]
            if let og { share["width"] = og["width"]; share["height"] = og["height"]; share["type"] = og["type"] }
            context["share_image"] = share
        }
        return context
    }

    /// Whether an image is a picture every social network shows (by its file name's ending).
    static func isRaster(_ reference: String) -> Bool {
        let path = reference.prefix { $0 != "?" && $0 != "#" }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return ["jpg", "jpeg", "png", "webp", "gif"].contains(path[path.index(after: dot)...].lowercased())
    }

    func listing(category: Category?, tag: Tag?, positions: [Int], page number: Int, pagination: Pagination) -> [String: Any] {
        let slug = category?.slug ?? tag?.slug ?? ""
        let urlFor: (Int) -> String = { category != nil ? routes.category(slug, page: $0) : routes.tag(slug, page: $0) }
        let range = pagination.range(ofPage: number)
        let pageItems = positions[range].map { items[$0] }
        let name = category?.name ?? tag?.name ?? ""
        let title = tag.map { dates.tagTitle($0.name) } ?? name
        var values: [String: Any] = [
            "is_category": category != nil,
            "is_tag": tag != nil,
            "title": title,
            "name": name,
            "url": urlFor(1),
            "items": pageItems,
            "is_empty": pageItems.isEmpty,
            "pagination": paginationValues(pagination, current: number, urlFor: urlFor),
        ]
        if let category {
            values["breadcrumb"] = breadcrumb(category.slug)
            values["children"] = category.childSlugs.compactMap(site.category).map { ["name": $0.name, "url": routes.category($0.slug)] }
            values["has_children"] = !category.childSlugs.isEmpty
            values["feed_url"] = routes.categoryFeed(category.slug)
        }
        let pageTitle = number > 1 ? "\(title) (\(number)/\(pagination.pageCount))" : title
        return page(url: urlFor(number), title: pageTitle, description: site.config.description,
                    extra: ["listing": values])
    }

    func home() -> [String: Any] {
        let latestCount = max(site.config.latestCount, 1) + site.config.homeSectionCount
        let sections: [[String: Any]] = site.topLevelCategories.compactMap { category in
            let positions = site.articleIndices(inTree: category.slug)
            guard !positions.isEmpty else { return nil }
            return ["name": category.name, "url": routes.category(category.slug),
                    "items": positions.prefix(site.config.homeSectionCount).map { items[$0] }]
        }
        var latest = Array(items.prefix(latestCount))
        // The first picture of the home page is the one a reader sees first: loaded at once, not lazily.
        if let first = latest.first, first["picture"] != nil {
            var lead = first
            lead["is_lead"] = true
            if let itemHTML { lead["html"] = itemHTML(lead) }
            latest[0] = lead
        }
        var values = page(url: routes.home, title: nil, description: site.config.description,
                          extra: ["home": ["latest": latest, "sections": sections]])
        values["is_home"] = true
        return values
    }

    func staticPage(_ page: StaticPage) -> [String: Any] {
        self.page(url: routes.page(page.slug), title: page.title, description: page.description ?? site.config.description,
                  extra: ["static_page": ["title": page.title, "body_html": page.bodyHTML]])
    }

    // MARK: albums

    /// An album: its photos as a grid of thumbnails, each opening a large view (`#anh-N`, CSS `:target`, no
    /// script) with links to the previous and next photo and back to the grid.
    func album(_ album: Album) -> [String: Any] {
        let url = routes.album(album.slug)
        let photos = Self.albumPhotos(album, images: images, routes: routes)
        var values: [String: Any] = ["title": album.title, "url": url, "date_text": dates.long(album.date),
                                     "date_iso": dates.iso(album.date), "photos": photos, "count": photos.count,
                                     "albums_url": routes.albums]
        values["description"] = album.description
        var context = page(url: url, title: album.title, description: album.description ?? site.config.description,
                           extra: ["album": values])
        if let og = (photos.first?["picture"] as? [String: Any])?["og"] as? [String: Any], let ogURL = og["url"] as? String {
            context["share_image"] = ["url": routes.absolute(ogURL), "alt": album.title, "width": og["width"] ?? 0,
                                      "height": og["height"] ?? 0, "type": og["type"] ?? "image/jpeg"] as [String: Any]
        }
        return context
    }

    func albumIndex() -> [String: Any] {
        let albums = site.albums.map { album -> [String: Any] in
            var values: [String: Any] = ["title": album.title, "url": routes.album(album.slug),
                                         "date_text": dates.long(album.date), "date_iso": dates.iso(album.date),
                                         "count": album.photos.count]
            values["cover"] = album.photos.first.flatMap { images.values($0.image, alt: "", basePath: routes.basePath) }
            return values
        }
        return page(url: routes.albums, title: nil, description: site.config.description,
                    extra: ["album_index": ["albums": albums, "url": routes.albums]])
    }

    static func albumPhotos(_ album: Album, images: ImageCatalog, routes: Routes) -> [[String: Any]] {
        let count = album.photos.count
        return album.photos.enumerated().map { index, photo in
            let number = index + 1
            var values: [String: Any] = ["number": number, "id": "anh-\(number)", "caption": photo.caption, "count": count,
                                         "album_url": routes.album(album.slug)]
            values["picture"] = images.values(photo.image, alt: photo.caption.isEmpty ? "\(album.title) (\(number))" : photo.caption,
                                              basePath: routes.basePath)
            if number > 1 { values["prev_id"] = "anh-\(number - 1)" }
            if number < count { values["next_id"] = "anh-\(number + 1)" }
            return values
        }
    }

    /// No canonical URL: the page answers for every address that does not exist, and is none of them.
    func notFound() -> [String: Any] {
        var values = page(url: routes.notFound, title: nil, description: site.config.description, extra: [:])
        values["canonical_url"] = nil
        return values
    }

    // MARK: shared pieces

    /// `title` nil means the site title alone.
    /// The page's own values; the shared ones are layered under them when the page is rendered.
    func page(url: String, title: String?, description: String, extra: [String: Any]) -> [String: Any] {
        var values: [String: Any] = [:]
        values["page_title"] = title.map { "\($0) - \(site.config.title)" } ?? site.config.title
        values["page_description"] = description
        values["canonical_url"] = routes.absolute(url)
        values["current_url"] = url
        values["og_title"] = title ?? site.config.title
        values["og_type"] = "website"
        // One of a few shared menus (no link or one link active) instead of a new one for every page.
        let active = menuTargets.indices.filter { index in
            let target = menuTargets[index]
            return target == url || (target != routes.home && url.hasPrefix(target) && target.hasSuffix("/"))
        }
        if active.count <= 1 {
            values["menu"] = menus[active.first.map { $0 + 1 } ?? 0]
        } else {
            values["menu"] = zip(site.config.menu, menuTargets).enumerated().map { index, entry -> [String: Any] in
                ["title": entry.0.title, "url": entry.1, "is_active": active.contains(index)]
            }
        }
        values.merge(extra) { _, new in new }
        return values
    }

    private func breadcrumb(_ categorySlug: String) -> [[String: Any]] {
        site.ancestry(of: categorySlug).map { ["name": $0.name, "url": routes.category($0.slug)] }
    }

    func paginationValues(_ pagination: Pagination, current: Int, urlFor: (Int) -> String) -> [String: Any] {
        let total = pagination.pageCount
        return [
            "is_paginated": total > 1,
            "page": current,
            "total_pages": total,
            "has_prev": current > 1,
            "prev_url": current > 1 ? urlFor(current - 1) : "",
            "has_next": current < total,
            "next_url": current < total ? urlFor(current + 1) : "",
            "pages": pagination.window(around: current).map { number -> [String: Any] in
                guard let number else { return ["is_gap": true] }
                return ["number": number, "url": urlFor(number), "is_current": number == current, "is_gap": false]
            },
        ]
    }

    static func item(_ article: Article, site: Site, routes: Routes, dates: DateStyle,
                     images: ImageCatalog = .empty) -> [String: Any] {
        let category = site.category(article.categorySlug)
        var item: [String: Any] = [
            "title": article.title,
            "url": routes.article(article.slug),
            "date_short": dates.short(article.date),
            "date_text": dates.long(article.date),
            "date_iso": dates.iso(article.date),
            "image": article.image.map(routes.resource) ?? "",
            "image_alt": article.imageAlt ?? article.title,
            "has_image": article.image != nil,
            "category_name": category?.name ?? "",
            "category_url": routes.category(article.categorySlug),
        ]
        if !article.summary.isEmpty { item["summary"] = article.summary }
        if let picture = images.values(article.image, alt: article.imageAlt ?? article.title, basePath: routes.basePath) {
            item["picture"] = picture
            item["image"] = picture["src"]
        }
        return item
    }

    static func sharedValues(site: Site, routes: Routes, items: [[String: Any]],
                             images: ImageCatalog = .empty) -> [String: Any] {
        let config = site.config
        let footer = config.footer.split(separator: "\n").map { ["text": String($0)] }
        var values: [String: Any] = [
            "site": ["title": config.title, "description": config.description, "language": config.language,
                     "base_url": config.baseURL.absoluteString, "footer_lines": footer] as [String: Any],
            "assets": routes.assets,
            "home_url": routes.home,
            "search_url": "",
            "categories": site.topLevelCategories.map { category -> [String: Any] in
                ["name": category.name, "url": routes.category(category.slug),
                 "children": category.childSlugs.compactMap(site.category).map { ["name": $0.name, "url": routes.category($0.slug)] },
                 "has_children": !category.childSlugs.isEmpty]
            },
            "latest": Array(items.prefix(config.latestCount)),
            "links": config.links.map { ["title": $0.title, "url": $0.url] },
            "has_links": !config.links.isEmpty,
            "photos": config.photos.map { photo -> [String: Any] in
                var values: [String: Any] = ["image": routes.resource(photo.image), "caption": photo.caption]
                values["picture"] = images.values(photo.image, alt: photo.caption, basePath: routes.basePath)
                return values
            },
            "has_photos": !config.photos.isEmpty || !site.albums.isEmpty,
            "has_contact": config.contact != nil,
            // What a shared link shows when its page has no raster picture of its own (a PNG made from the logo).
            "share_image": ["url": routes.absolute(routes.defaultShareImage), "alt": config.title,
                            "width": Routes.defaultShareImageSize.width, "height": Routes.defaultShareImageSize.height,
                            "type": "image/png"] as [String: Any],
            "favicon_url": routes.favicon,
            "apple_touch_icon_url": routes.appleTouchIcon,
        ]
        if let contact = config.contact { values["contact"] = contactValues(contact) }
        // Absent without albums, not "": swift-mustache renders a section over an empty string, and every page
        // had a "Xem tất cả album" link to nowhere (`href=""`).
        if !site.albums.isEmpty { values["albums_url"] = routes.albums }
        // "Hình hoạt động" shows the latest album's first photos, each opening its large view in the album.
        if let album = site.albums.first {
            values["latest_album"] = ["title": album.title, "url": routes.album(album.slug),
                                      "photos": Array(albumPhotos(album, images: images, routes: routes).prefix(4))] as [String: Any]
        }
        return values
    }

    /// The footer's address, telephone (a `tel:` link), fax and e-mail (a `mailto:` link); absent parts left out.
    static func contactValues(_ contact: SiteConfig.Contact) -> [String: Any] {
        var values: [String: Any] = [:]
        values["address"] = contact.address
        values["phone"] = contact.phone
        values["phone_link"] = contact.phoneLink
        values["fax"] = contact.fax
        values["email"] = contact.email
        values["email_link"] = contact.emailLink
        return values
    }

    /// `counter`: where the counter's widgets ("Thông tin truy cập", "Tin đọc nhiều", an article's "Lượt xem")
    /// take their figures from. Only addresses: no page's HTML depends on the figures (`CounterFiles`).
    static func counterValues(site: Site, routes: Routes) -> [String: Any] {
        guard site.config.counter != nil else { return ["counter": ["is_configured": false] as [String: Any]] }
        return ["counter": ["is_configured": true, "statistics_url": routes.statistics,
                            "figures_url": routes.counterFigures, "views_url": routes.counterViews] as [String: Any]]
    }

}
