import Foundation

/// The only files that hold the visit counter's figures: `thong-ke/so-lieu.json` (online, total, time, the
/// most-read list: about 2 KB), which every page's counter widgets are filled from by `assets/counter.js`;
/// `thong-ke/luot-xem.json`, each article's views under its short key (`ArticleKeys`), fetched by article pages
/// only; and the statistics page `thong-ke/`, which shows the figures to readers without JavaScript. No other
/// page's HTML depends on the figures, so a rebuild where only the logs changed writes these three files and
/// nothing else.
///
/// The statistics page is its template rendered once with `marker` where the figures go (the "shell", which
/// depends on the site only), and the figures (`partials/counter-figures`) put in its place. A build and a
/// timer rebuild that reuses the shell from the build cache (`TimerRebuild`) make the same bytes.
enum CounterFiles {
    static let pageTemplate = PageKind.statisticsTemplate
    static let figuresTemplate = "partials/counter-figures"
    /// Control characters no template or value holds (`TemplateSet.literal` relies on them the same way).
    static let marker = "\u{1}bantin:counter-figures\u{2}"

    /// Where the three files go (output paths), as the page table lists them; kept by the build cache.
    struct Paths: Codable, Equatable {
        var figures: String
        var statistics: String
        var views: String

        var all: [String] { [figures, statistics, views] }
    }

    /// What the files are made from besides the snapshot: the articles' URLs and the titles of pages.
    struct Inputs {
        var snapshot: CounterSnapshot?
        var pages: CounterPages
        var templates: TemplateSet
        var dates: DateStyle
        var numbers: NumberStyle
    }

    /// The figures file: raw numbers for scripts and the same numbers as the pages write them.
    /// Keys in a fixed order: the same figures always give the same bytes.
    static func json(_ inputs: Inputs) -> Data {
        guard let snapshot = inputs.snapshot else { return Data("{\"available\":false}\n".utf8) }
        let numbers = inputs.numbers
        var fields: [String] = ["\"available\":true"]
        if let time = snapshot.time {
            fields.append("\"time\":" + JSONText.string(inputs.dates.iso(time)))
            fields.append("\"time_text\":" + JSONText.string(inputs.dates.dateTime(time)))
            fields.append("\"online\":\(snapshot.online)")
            fields.append("\"online_text\":" + JSONText.string(numbers.format(snapshot.online)))
        } else {
            fields.append("\"time\":null")
        }
        fields.append("\"total\":\(snapshot.total)")
        fields.append("\"total_text\":" + JSONText.string(numbers.format(snapshot.total)))
        fields.append("\"separator\":" + JSONText.string(numbers.thousandsSeparator))
        let mostRead = mostReadEntries(inputs).map { entry in
            "{\"url\":" + JSONText.string(entry.url) + ",\"title\":" + JSONText.string(entry.title)
                + ",\"views\":\(entry.views),\"views_text\":" + JSONText.string(numbers.format(entry.views)) + "}"
        }
        fields.append("\"most_read\":[" + mostRead.joined(separator: ",") + "]")
        return Data(("{" + fields.joined(separator: ",") + "}\n").utf8)
    }

    /// The views file: `{"<key>":views,…}`, articles with a view only, sorted by key; `{}` without figures.
    /// At 10,000 articles with views 2.2 times smaller gzipped than the same views by URL (README).
    static func viewsJSON(_ inputs: Inputs) -> Data {
        guard let snapshot = inputs.snapshot else { return Data("{}\n".utf8) }
        let keys = ArticleKeys(urls: inputs.pages.articles.map(\.url) + inputs.pages.documentURLs)
        var views: [(String, Int)] = []
        for article in inputs.pages.articles {
            if let count = snapshot.articleViews[article.id], count > 0, let key = keys[article.url] { views.append((key, count)) }
        }
        // A document's page views and each file's downloads, under keys made from the same list of URLs.
        for url in inputs.pages.documentURLs {
            if let count = snapshot.documentFigures[url], count > 0, let key = keys[url] { views.append((key, count)) }
        }
        views.sort { $0.0 < $1.0 }
        var text = "{"
        text.reserveCapacity(views.count * 14 + 4)
        for (index, (key, count)) in views.enumerated() {
            if index > 0 { text += "," }
            text += "\"" + key + "\":" + String(count)
        }
        return Data((text + "}\n").utf8)
    }

    /// The statistics page: the shell with the figures in place of the marker.
    static func page(shell: String, _ inputs: Inputs) -> Data {
        Data(shell.replacingOccurrences(of: marker, with: figuresHTML(inputs)).utf8)
    }

    /// `partials/counter-figures` with the figures; the words are the template's.
    static func figuresHTML(_ inputs: Inputs) -> String {
        guard let snapshot = inputs.snapshot else {
            return inputs.templates.render(figuresTemplate, CounterFigures(isAvailable: false))
        }
        let numbers = inputs.numbers
        let mostRead = mostReadEntries(inputs).map { entry in
            MostReadEntry(url: entry.url, title: entry.title, views: numbers.format(entry.views))
        }
        // "Lượt tải": every file downloaded at least once, most downloaded first (then by address).
        let downloads = inputs.pages.fileURLs.compactMap { url in snapshot.documentFigures[url].map { (url, $0) } }
            .filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .map { MostReadEntry(url: $0.0, title: inputs.pages.titles[$0.0] ?? $0.0, views: numbers.format($0.1)) }
        var figures = CounterFigures(
            isAvailable: true, hasFigures: snapshot.time != nil, hasTotal: snapshot.total > 0,
            total: numbers.format(snapshot.total), online: numbers.format(snapshot.online),
            snapshotTime: snapshot.time.map(inputs.dates.dateTime), mostRead: mostRead, hasMostRead: !mostRead.isEmpty)
        if !inputs.pages.fileURLs.isEmpty {
            figures.downloads = downloads
            figures.hasDownloads = !downloads.isEmpty
        }
        return inputs.templates.render(figuresTemplate, figures)
    }

    private static func mostReadEntries(_ inputs: Inputs) -> [(url: String, title: String, views: Int)] {
        (inputs.snapshot?.mostRead ?? []).map { ($0.url, inputs.pages.titles[$0.url] ?? $0.url, $0.views) }
    }

    /// The three files, from the statistics page's shell (rendered by the page-values stage or kept by the cache),
    /// each with the fingerprint the manifest lists for it: not the figures' (`PlannedFile.figuresFingerprint`),
    /// so that new figures alone do not change the manifest. The statistics page second.
    static func files(shell: String, _ inputs: Inputs, paths: Paths) -> [(file: OutputFile, fingerprint: UInt64)] {
        let fingerprints = self.fingerprints(shell: shell, paths: paths)
        return [OutputFile(path: paths.figures, contents: json(inputs)),
                OutputFile(path: paths.statistics, contents: page(shell: shell, inputs)),
                OutputFile(path: paths.views, contents: viewsJSON(inputs))]
            .map { ($0, fingerprints[$0.path]!) }
    }

    /// What the manifest lists for the three files: the statistics page's shell, and the JSON files' format.
    static func fingerprints(shell: String, paths: Paths) -> [String: UInt64] {
        [paths.figures: ContentHash.of("so-lieu.json 2"),
         paths.statistics: ContentHash.of(shell),
         paths.views: ContentHash.of("luot-xem.json 1")]
    }

    /// Renders the planned statistics page's shell and replaces the page by its bytes with the figures in,
    /// adding the two JSON files. Returns the shell (nil when the plan has no statistics page).
    @discardableResult
    static func fill(_ plan: inout SitePlan, inputs: Inputs, paths: Paths) -> String? {
        guard let index = plan.files.firstIndex(where: { $0.path == paths.statistics }) else { return nil }
        let shell = plan.files[index].render(with: plan.templates).text
        let made = files(shell: shell, inputs, paths: paths).map { made in
            PlannedFile(path: made.file.path, content: .bytes(made.file.contents), figuresFingerprint: made.fingerprint)
        }
        plan.files[index] = made[1]
        plan.files += [made[0], made[2]]
        return shell
    }
}
