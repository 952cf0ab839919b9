import Foundation

/// Builds the values templates see (`TemplateValues.swift`; templates/README.md lists them). Values shared by
/// many pages are built and encoded once here (`Encoded`) and held by every page that shows them.
struct PageContexts {
    private(set) var site: Site
    let routes: Routes
    let dates: DateStyle
    /// One list entry per article (same positions as `site.articles`).
    let items: [Encoded<ArticleItem>]
    /// What every page sees under its own values (site, menus, sidebars), built once per build.
    let siteValues: SiteValues
    /// `siteValues` as templates read them.
    let shared: TemplateFields
    /// The main menu's links, and the menu with no link active (first) or link `i` active (`i + 1`).
    private let menuTargets: [String]
    private let menus: [Encoded<[MenuLink]>]
    /// The department as structured data names it: every article's publisher.
    let publisher: StructuredData.Organization
    /// The processed pictures: `picture` values of articles, photos and albums.
    let images: ImageCatalog
    /// Renders an article's list entry (kept to render the home page's first entry again, its picture not lazy).
    private let itemHTML: ((ArticleItem) -> String)?
    /// Each article's key in the counter's views file (with a `counter:` section only).
    let viewsKeys: ArticleKeys?
    /// The document each article's `source` names (by article position), and the articles naming each document.
    let citations: DocumentCitations

    /// `itemHTML` renders an article's item once (the `item` template), kept in the item as `html`.
    init(site: Site, routes: Routes, dates: DateStyle, numbers: NumberStyle = NumberStyle(),
         images: ImageCatalog = .empty, itemHTML: ((ArticleItem) -> String)? = nil) {
        self.site = site
        self.routes = routes
        self.dates = dates
        self.images = images
        self.itemHTML = itemHTML
        self.items = Parallel.map(site.articles.count) { index in
            var item = Self.item(site.articles[index], site: site, routes: routes, dates: dates, images: images)
            if let itemHTML { item.html = itemHTML(item) }
            return Encoded(item)
        }
        siteValues = Self.siteValues(site: site, routes: routes, items: items, images: images)
        shared = TemplateEncoder.fields(siteValues)
        // Documents' pages and files after the articles, in the page table's order, as the views file makes them.
        viewsKeys = site.config.counter == nil ? nil : ArticleKeys(urls: site.articles.map { routes.article($0.slug) }
            + site.documents.documents.map { routes.document($0.slug) } + site.documents.files.map { routes.publishedFile($0.path) })
        citations = DocumentCitations(site)
        let targets = site.config.menu.map { routes.resource($0.url) }
        menuTargets = targets
        publisher = StructuredData.Organization(
            name: site.config.title, url: routes.absolute(routes.home),
            logo: images.siteImages[.appleTouchIcon] == nil ? nil : routes.absolute(routes.appleTouchIcon),
            logoSize: Routes.appleTouchIconSize, contact: site.config.contact)
        menus = (-1..<targets.count).map { active in
            Encoded(zip(site.config.menu, targets).enumerated().map { index, entry in
                MenuLink(title: entry.0.title, url: entry.1, isActive: index == active)
            })
        }
    }

    /// The same values with one article's body rendered anew. Its list entry is kept: the caller makes sure
    /// nothing the entry shows (title, date, summary, …) changed.
    func replacingBody(of index: Int, with article: Article) -> PageContexts {
        var copy = self
        copy.site.updateArticles { $0[index] = article }
        return copy
    }

    // MARK: pages

    func article(_ index: Int, related: [ArticleID]) -> PageOwnValues {
        let article = site.articles[index]
        let url = routes.article(article.slug)
        let item = items[index]
        let picture = item.value.picture
        // A processed photo is shared as its og:image JPEG (1200 px wide), with its size; Facebook and Zalo
        // show no SVG: a drawing leaves the site's default picture in place.
        let og = picture?.og
        let photo = og.map { routes.absolute($0.url) }
            ?? article.image.flatMap { Self.isRaster($0) && picture == nil ? routes.absolute(routes.resource($0)) : nil }
        let category = site.category(article.categorySlug)
        let details = ArticleDetails(
            absoluteURL: routes.absolute(url),
            printURL: routes.printView(article.slug),
            viewsKey: viewsKeys?[url],
            backURL: routes.category(article.categorySlug),
            breadcrumb: breadcrumb(article.categorySlug),
            author: article.author,
            source: article.source,
            sourceURL: citations.document(of: index).map(routes.document),
            imageURL: picture.map { routes.absolute($0.src) } ?? article.image.map { routes.absolute(routes.resource($0)) },
            hasByline: article.author != nil || article.source != nil,
            bodyHTML: article.bodyHTML,
            attachments: article.attachments.compactMap(site.documents.file).map(fileValues),
            hasAttachments: !article.attachments.isEmpty,
            tags: article.tags.map { NamedLink(name: $0.name, url: routes.tag($0.slug)) },
            hasTags: !article.tags.isEmpty,
            related: related.compactMap { site.articleIndex[$0.slug].map { items[$0] } },
            hasRelated: !related.isEmpty,
            jsonLD: StructuredData.article(StructuredData.ArticleFacts(
                url: routes.absolute(url), headline: article.title, description: article.summary,
                published: dates.iso(article.date), language: site.config.language, section: category?.name,
                keywords: article.tags.map(\.name), image: photo ?? siteValues.shareImage?.url,
                author: article.author,
                trail: [(site.config.title, routes.absolute(routes.home))]
                    + site.ancestry(of: article.categorySlug).map { ($0.name, routes.absolute(routes.category($0.slug))) }),
                publisher: publisher))
        var values = page(url: url, title: article.title, description: article.summary)
        values.article = Joined(item, details)
        values.ogType = "article"
        if let photo {
            values.shareImage = ShareImage(url: photo, alt: article.imageAlt ?? article.title,
                                           width: og?.width, height: og?.height, type: og?.type)
        }
        return values
    }

    /// Whether an image is a picture every social network shows (by its file name's ending).
    static func isRaster(_ reference: String) -> Bool {
        let path = reference.prefix { $0 != "?" && $0 != "#" }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return ["jpg", "jpeg", "png", "webp", "gif"].contains(path[path.index(after: dot)...].lowercased())
    }

    func listing(category: Category?, tag: Tag?, positions: [Int], page number: Int, pagination: Pagination) -> PageOwnValues {
        let slug = category?.slug ?? tag?.slug ?? ""
        let urlFor: (Int) -> String = { category != nil ? routes.category(slug, page: $0) : routes.tag(slug, page: $0) }
        let range = pagination.range(ofPage: number)
        let pageItems = positions[range].map { items[$0] }
        let name = category?.name ?? tag?.name ?? ""
        let title = tag.map { dates.tagTitle($0.name) } ?? name
        var values = ListingValues(isCategory: category != nil, isTag: tag != nil, title: title, name: name, url: urlFor(1),
                                   items: pageItems, isEmpty: pageItems.isEmpty,
                                   pagination: paginationValues(pagination, current: number, urlFor: urlFor))
        if let category {
            values.breadcrumb = breadcrumb(category.slug)
            values.children = category.childSlugs.compactMap(site.category).map { NamedLink(name: $0.name, url: routes.category($0.slug)) }
            values.hasChildren = !category.childSlugs.isEmpty
            values.feedURL = routes.categoryFeed(category.slug)
        }
        let pageTitle = number > 1 ? "\(title) (\(number)/\(pagination.pageCount))" : title
        var page = page(url: urlFor(number), title: pageTitle, description: site.config.description)
        page.listing = values
        return page
    }

    func home() -> PageOwnValues {
        let latestCount = max(site.config.latestCount, 1) + site.config.homeSectionCount
        let sections: [HomeSection] = site.topLevelCategories.compactMap { category in
            let positions = site.articleIndices(inTree: category.slug)
            guard !positions.isEmpty else { return nil }
            return HomeSection(name: category.name, url: routes.category(category.slug),
                               items: positions.prefix(site.config.homeSectionCount).map { items[$0] })
        }
        var latest = Array(items.prefix(latestCount))
        // The first picture of the home page is the one a reader sees first: loaded at once, not lazily.
        if let first = latest.first, first.value.picture != nil {
            var lead = first.value
            lead.isLead = true
            if let itemHTML { lead.html = itemHTML(lead) }
            latest[0] = Encoded(lead)
        }
        var values = page(url: routes.home, title: nil, description: site.config.description)
        values.home = HomeValues(latest: latest, sections: sections)
        values.isHome = true
        return values
    }

    func staticPage(_ page: StaticPage) -> PageOwnValues {
        var values = self.page(url: routes.page(page.slug), title: page.title, description: page.description ?? site.config.description)
        values.staticPage = StaticPageValues(title: page.title, bodyHTML: page.bodyHTML)
        return values
    }

    // MARK: albums

    /// An album: its photos as a grid of thumbnails, each opening a large view (`#anh-N`, CSS `:target`, no
    /// script) with links to the previous and next photo and back to the grid.
    func album(_ album: Album) -> PageOwnValues {
        let url = routes.album(album.slug)
        let photos = Self.albumPhotos(album, images: images, routes: routes)
        var values = page(url: url, title: album.title, description: album.description ?? site.config.description)
        values.album = AlbumValues(title: album.title, url: url, dateText: dates.long(album.date), dateISO: dates.iso(album.date),
                                   description: album.description, photos: photos, count: photos.count, albumsURL: routes.albums)
        if let og = photos.first?.picture?.og {
            values.shareImage = ShareImage(url: routes.absolute(og.url), alt: album.title, width: og.width, height: og.height,
                                           type: og.type)
        }
        return values
    }

    func albumIndex() -> PageOwnValues {
        let albums = site.albums.map { album in
            AlbumEntry(title: album.title, url: routes.album(album.slug), dateText: dates.long(album.date),
                       dateISO: dates.iso(album.date), count: album.photos.count,
                       cover: album.photos.first.flatMap { images.values($0.image, alt: "", basePath: routes.basePath) })
        }
        var values = page(url: routes.albums, title: nil, description: site.config.description)
        values.albumIndex = AlbumIndexValues(albums: albums, url: routes.albums)
        return values
    }

    static func albumPhotos(_ album: Album, images: ImageCatalog, routes: Routes) -> [AlbumPhoto] {
        let count = album.photos.count
        return album.photos.enumerated().map { index, photo in
            let number = index + 1
            return AlbumPhoto(
                number: number, id: "anh-\(number)", caption: photo.caption, count: count, albumURL: routes.album(album.slug),
                picture: images.values(photo.image, alt: photo.caption.isEmpty ? "\(album.title) (\(number))" : photo.caption,
                                       basePath: routes.basePath),
                prevID: number > 1 ? "anh-\(number - 1)" : nil, nextID: number < count ? "anh-\(number + 1)" : nil)
        }
    }

    /// No canonical URL: the page answers for every address that does not exist, and is none of them.
    func notFound() -> PageOwnValues {
        var values = page(url: routes.notFound, title: nil, description: site.config.description)
        values.canonicalURL = nil
        return values
    }

    // MARK: shared pieces

    /// What every page has; `title` nil means the site title alone. The shared values are layered under the
    /// page's own when it is rendered.
    func page(url: String, title: String?, description: String) -> PageOwnValues {
        // One of a few shared menus (no link or one link active) instead of a new one for every page.
        let active = menuTargets.indices.filter { index in
            let target = menuTargets[index]
            return target == url || (target != routes.home && url.hasPrefix(target) && target.hasSuffix("/"))
        }
        let menu = active.count <= 1 ? menus[active.first.map { $0 + 1 } ?? 0]
            : Encoded(zip(site.config.menu, menuTargets).enumerated().map { index, entry in
                MenuLink(title: entry.0.title, url: entry.1, isActive: active.contains(index))
            })
        return PageOwnValues(pageTitle: title.map { "\($0) - \(site.config.title)" } ?? site.config.title,
                             pageDescription: description, canonicalURL: routes.absolute(url), currentURL: url,
                             ogTitle: title ?? site.config.title, ogType: "website", menu: menu)
    }

    private func breadcrumb(_ categorySlug: String) -> [NamedLink] {
        site.ancestry(of: categorySlug).map { NamedLink(name: $0.name, url: routes.category($0.slug)) }
    }

    func paginationValues(_ pagination: Pagination, current: Int, urlFor: (Int) -> String) -> Pagination.Values {
        let total = pagination.pageCount
        return Pagination.Values(
            isPaginated: total > 1, page: current, totalPages: total,
            hasPrev: current > 1, prevURL: current > 1 ? urlFor(current - 1) : "",
            hasNext: current < total, nextURL: current < total ? urlFor(current + 1) : "",
            pages: pagination.window(around: current).map { number in
                guard let number else { return Pagination.PageLink(isGap: true) }
                return Pagination.PageLink(number: number, url: urlFor(number), isCurrent: number == current, isGap: false)
            })
    }

    static func item(_ article: Article, site: Site, routes: Routes, dates: DateStyle,
                     images: ImageCatalog = .empty) -> ArticleItem {
        let picture = images.values(article.image, alt: article.imageAlt ?? article.title, basePath: routes.basePath)
        return ArticleItem(
            title: article.title, url: routes.article(article.slug), dateShort: dates.short(article.date),
            dateText: dates.long(article.date), dateISO: dates.iso(article.date),
            image: picture?.src ?? article.image.map(routes.resource) ?? "",
            imageAlt: article.imageAlt ?? article.title, hasImage: article.image != nil,
            categoryName: site.category(article.categorySlug)?.name ?? "", categoryURL: routes.category(article.categorySlug),
            summary: article.summary.isEmpty ? nil : article.summary, picture: picture)
    }

    static func siteValues(site: Site, routes: Routes, items: [Encoded<ArticleItem>],
                           images: ImageCatalog = .empty) -> SiteValues {
        let config = site.config
        let years = Archive.years(Archive.months(of: site))
        return SiteValues(
            site: SiteInfo(title: config.title, description: config.description, language: config.language,
                           baseURL: config.baseURL.absoluteString,
                           footerLines: config.footer.split(separator: "\n").map { FooterLine(text: String($0)) }),
            assets: routes.assets,
            homeURL: routes.home,
            searchURL: routes.search,
            feedURL: routes.feed,
            categories: site.topLevelCategories.map { category in
                CategoryLink(name: category.name, url: routes.category(category.slug),
                              children: category.childSlugs.compactMap(site.category).map { NamedLink(name: $0.name, url: routes.category($0.slug)) },
                              hasChildren: !category.childSlugs.isEmpty)
            },
            latest: Array(items.prefix(config.latestCount)),
            links: config.links.map { WebLink(title: $0.title, url: $0.url) },
            hasLinks: !config.links.isEmpty,
            photos: config.photos.map { photo in
                SitePhoto(image: routes.resource(photo.image), caption: photo.caption,
                          picture: images.values(photo.image, alt: photo.caption, basePath: routes.basePath))
            },
            hasPhotos: !config.photos.isEmpty || !site.albums.isEmpty,
            contact: config.contact.map(contactValues),
            hasContact: config.contact != nil,
            // Only the pictures the images stage drew from the logo: a page never links a file that was not written.
            shareImage: images.siteImages[.shareImage] == nil ? nil
                : ShareImage(url: routes.absolute(routes.defaultShareImage), alt: config.title,
                             width: Routes.defaultShareImageSize.width, height: Routes.defaultShareImageSize.height,
                             type: "image/png"),
            faviconURL: images.siteImages[.favicon] == nil ? nil : routes.favicon,
            appleTouchIconURL: images.siteImages[.appleTouchIcon] == nil ? nil : routes.appleTouchIcon,
            albumsURL: site.albums.isEmpty ? nil : routes.albums,
            latestAlbum: site.albums.first.map { album in
                LatestAlbum(title: album.title, url: routes.album(album.slug),
                            photos: Array(albumPhotos(album, images: images, routes: routes).prefix(4)))
            },
            documentsURL: site.documents.isEmpty ? nil : routes.documents(),
            counter: counterAddresses(site: site, routes: routes),
            // The sidebar lists the months of the newest year only; an older year links to its page, which lists
            // that year's months. (Every month of ten years on every page would add ~13 KB to each page and a
            // quarter to the build time.)
            archiveYears: years.enumerated().map { index, year in
                ArchiveYearLink(year: year.year, count: year.count, url: routes.archive(year: year.year), isOpen: index == 0,
                                months: index == 0 ? year.months.map { monthLink($0, routes: routes) } : [])
            },
            hasArchive: !years.isEmpty,
            archiveURL: routes.archiveIndex,
            tagIndexURL: routes.tagIndex)
    }

    static func contactValues(_ contact: SiteConfig.Contact) -> ContactValues {
        ContactValues(address: contact.address, phone: contact.phone, phoneLink: contact.phoneLink, fax: contact.fax,
                email: contact.email, emailLink: contact.emailLink)
    }

    /// Where the counter's widgets ("Thông tin truy cập", "Tin đọc nhiều", an article's "Lượt xem") take their
    /// figures from. Only addresses: no page's HTML depends on the figures (`CounterFiles`).
    static func counterAddresses(site: Site, routes: Routes) -> CounterAddresses {
        guard site.config.counter != nil else { return CounterAddresses(isConfigured: false) }
        return CounterAddresses(isConfigured: true, statisticsURL: routes.statistics, figuresURL: routes.counterFigures,
                               viewsURL: routes.counterViews)
    }
}
