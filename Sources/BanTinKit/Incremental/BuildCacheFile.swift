import Foundation

/// The build cache on disk: a line of JSON with the small fields, then the input files and the counter's
/// addresses as tab-separated lines (names escaped as in the manifest), each URL written once and referred to
/// by its number. At 10,000 articles the whole cache as JSON was 8.7 MB and took 0.31 s to decode, a third of
/// a timer run; these lines are 3.3 MB and read in a few hundredths of a second.
extension BuildCache {
    static let header = "bantin-build-cache"

    func encoded() throws -> Data {
        var small = self
        small.inputs.files = []
        small.counter?.pages.table = [:]
        small.counter?.pages.titles = [:]
        small.counter?.pages.listings = []
        small.counter?.pages.articles = []
        var text = Self.header + " \(Self.format)\n"
        text += String(decoding: try JSONEncoder().encode(small), as: UTF8.self) + "\n"
        text.reserveCapacity(4 << 20)

        text += "files\t\(inputs.files.count)\n"
        for file in inputs.files {
            text += OutputManifest.escape(file.path) + "\t\(file.size)\t\(file.modified)\t\(file.inode)\t"
            if let hash = file.hash { text += ContentHash.hex(hash) }
            text += "\n"
        }
        guard let pages = counter?.pages else { return Data(text.utf8) }
        // Every URL once: those with a title first (sorted), then the others as they come.
        var numbers: [String: Int] = [:]
        var urls: [String] = []
        func number(_ url: String) -> Int {
            if let known = numbers[url] { return known }
            numbers[url] = urls.count
            urls.append(url)
            return urls.count - 1
        }
        for url in pages.titles.keys.sorted() { _ = number(url) }
        let table = pages.table.sorted { $0.key < $1.key }.map { ($0.key, $0.value, number($0.value)) }
        let listings = pages.listings.map(number)
        let articles = pages.articles.map { fields in (fields[0], number(fields[1]), fields.dropFirst(2)) }
        text += "urls\t\(urls.count)\n"
        for url in urls {
            text += OutputManifest.escape(url)
            if let title = pages.titles[url] { text += "\t" + OutputManifest.escape(title) }
            text += "\n"
        }
        // A path that begins with its page's URL ("/tin/x/in.html" of "/tin/x/") as "+" and the rest.
        text += "table\t\(table.count)\n"
        for (path, url, number) in table {
            text += "\(number)\t" + (path.hasPrefix(url) ? "+" + OutputManifest.escape(String(path.dropFirst(url.count))) : OutputManifest.escape(path)) + "\n"
        }
        text += "listings\t\(listings.count)\n"
        for url in listings { text += "\(url)\n" }
        text += "articles\t\(articles.count)\n"
        // The slug left out when it is the URL's last part, as it is unless the site has other routes.
        for (slug, url, oldPaths) in articles {
            text += (urls[url].hasSuffix("/" + slug + "/") ? "" : OutputManifest.escape(slug)) + "\t\(url)"
            for old in oldPaths { text += "\t" + OutputManifest.escape(old) }
            text += "\n"
        }
        return Data(text.utf8)
    }

    /// Nil for anything not written by `encoded()` in this format.
    static func decode(_ data: Data) -> BuildCache? {
        var lines = Lines(data)
        guard let first = lines.next(), String(decoding: first, as: UTF8.self) == Self.header + " \(format)",
              let json = lines.next(), var cache = try? JSONDecoder().decode(BuildCache.self, from: Data(json)),
              cache.format == format else { return nil }

        guard let fileCount = lines.section("files") else { return nil }
        var files: [InputScan.File] = []
        files.reserveCapacity(fileCount)
        for _ in 0..<fileCount {
            guard let fields = lines.fields(), fields.count == 5, let size = Int64(fields[1]), let modified = Int64(fields[2]),
                  let inode = UInt64(fields[3]) else { return nil }
            var hash: UInt64?
            if !fields[4].isEmpty {
                guard let value = UInt64(fields[4], radix: 16) else { return nil }
                hash = value
            }
            files.append(InputScan.File(path: fields[0], size: size, modified: modified, inode: inode, hash: hash))
        }
        cache.inputs.files = files
        guard cache.counter != nil else { return lines.next() == nil ? cache : nil }

        guard let urlCount = lines.section("urls") else { return nil }
        var urls: [String] = []
        var titles: [String: String] = [:]
        urls.reserveCapacity(urlCount)
        for _ in 0..<urlCount {
            guard let fields = lines.fields(), fields.count <= 2 else { return nil }
            let url = fields[0]
            urls.append(url)
            if fields.count == 2 { titles[url] = fields[1] }
        }
        func url(_ text: String) -> String? { Int(text).flatMap { $0 >= 0 && $0 < urls.count ? urls[$0] : nil } }
        guard let tableCount = lines.section("table") else { return nil }
        var table: [String: String] = [:]
        table.reserveCapacity(tableCount)
        for _ in 0..<tableCount {
            guard let fields = lines.fields(), fields.count == 2, let target = url(fields[0]) else { return nil }
            table[fields[1].utf8.first == UInt8(ascii: "+") ? target + String(fields[1].dropFirst()) : fields[1]] = target
        }
        guard let listingCount = lines.section("listings") else { return nil }
        var listings: [String] = []
        for _ in 0..<listingCount {
            guard let fields = lines.fields(), fields.count == 1, let listing = url(fields[0]) else { return nil }
            listings.append(listing)
        }
        guard let articleCount = lines.section("articles") else { return nil }
        var articles: [[String]] = []
        articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount {
            guard let fields = lines.fields(), fields.count >= 2, let address = url(fields[1]) else { return nil }
            let slug = fields[0].isEmpty ? Self.lastPart(address) : fields[0]
            articles.append([slug, address] + Array(fields.dropFirst(2)))
        }
        cache.counter?.pages.table = table
        cache.counter?.pages.titles = titles
        cache.counter?.pages.listings = listings
        cache.counter?.pages.articles = articles
        return lines.next() == nil ? cache : nil
    }

    /// "/tin/x/" → "x".
    private static func lastPart(_ url: String) -> String {
        let bytes = url.utf8.dropLast()
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        return String(url[start..<bytes.endIndex])
    }

    /// The lines of the file, split on bytes (splitting a String by Characters took ten times as long).
    private struct Lines {
        let bytes: [UInt8]
        var position = 0

        init(_ data: Data) { bytes = [UInt8](data) }

        mutating func next() -> ArraySlice<UInt8>? {
            guard position < bytes.count else { return nil }
            let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { position = end + 1 }
            return bytes[position..<end]
        }

        /// The line's fields, unescaped.
        mutating func fields() -> [String]? {
            next().map { line in line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map(OutputManifest.field) }
        }

        /// A section's first line, "name<TAB>count": the count.
        mutating func section(_ name: String) -> Int? {
            guard let fields = fields(), fields.count == 2, fields[0] == name else { return nil }
            return Int(fields[1])
        }
    }
}
