import Foundation

/// What `bantin build` made of each article file, kept on disk for the next build in a new process (the timer's):
/// its front matter as read (with the problems found in it) and its body as rendered (HTML, plain text, automatic
/// summary). In `.bantin/article-cache/` beside `content/`, safe to delete. An entry is taken only while the hash
/// of the file's bytes (the build cache's scan's), the site's time zone and the raw-HTML setting are those it was
/// made with, and only the bantin that wrote it reads it: a timer rebuild after one edit parses and renders one
/// file, and does not even read the files whose signature is the last build's (unless their Markdown is needed
/// after rendering). `serve` keeps the same in memory (`ParseMemo`, `MarkdownMemo`).
///
/// The entries are spread over `shardCount` files by their path; a build writes only the files holding an entry
/// that changed (or one of a file that is gone), copying their other records as they were. Each file has two
/// parts, read when their stage comes: the front matter (small) for the model stage, the bodies for the Markdown
/// stage, one file at a time, so a body is held once, as the article's (mapping whole files held them twice: a
/// one-edit rebuild of 50,000 articles peaked at 1.49 GB).
final class ArticleCache: ParsedFiles, BodyMemo, @unchecked Sendable {
    static let shardCount = 64
    private static let magic = "bantin article cache 5"

    struct Parsed {
        /// The hash of the file's bytes (`ContentHash`, as the build cache's scan keeps it).
        var byteHash: UInt64
        var zone: String
        var allowsRawHTML: Bool
        var source: ArticleSource?
        var diagnostics: [Diagnostic]
    }

    struct Rendered {
        var html: String
        var plainText: String
        var summary: String

        /// Whether the article still needs its Markdown once rendered: for the lines of its pictures (images
        /// stage), or as its text when it has no other (related news). `ArticleBodies` keeps it then.
        var keepsMarkdown: Bool { plainText.isEmpty || BodyImages.namesPictures(html) }
    }

    /// Where a record is: its shard, its place in the shard's front-matter part and in its body part.
    private struct Stored {
        var shard: Int
        var parsed: Range<Int>
        var rendered: Range<Int>
        var byteHash: UInt64
        var keepsMarkdown: Bool
    }

    private struct Shard {
        var parsedPart: [UInt8] = []
        /// Where the body part starts in the file, and how long it is.
        var renderedPart: Range<Int> = 0..<0
    }

    private let folder: URL
    /// The project (the folder holding `content/`), and the content folder's name as the files' paths begin.
    private let root: URL
    private let contentName: String
    private let program: String
    /// The hash of each article file's bytes, by its path, and the files not read (`SourceFile` with no text).
    private var byteHashes: [String: UInt64] = [:]
    private var unread: Set<String> = []
    private let lock = NSLock()
    private var shards: [Shard]
    private var stored: [String: Stored] = [:]
    /// This build's article files, and the entries it made or changed (to be written).
    private var seen: Set<String> = []
    private var made: [String: (parsed: Parsed, rendered: Rendered?)] = [:]
    /// Entries taken from the cache, by path; their bodies are read when the Markdown stage starts.
    private var taken: [String: Parsed] = [:]
    private var takenBodies: [String: Rendered] = [:]
    /// How many article files were parsed and their bodies rendered by this build (the rest came from the cache).
    private(set) var parsedCount = 0, renderedCount = 0
    /// How many article files the load stage did not read (`filesNotToRead`).
    private(set) var notReadCount = 0

    static func folder(content: URL) -> URL {
        content.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".bantin/article-cache")
    }

    /// The cache beside `content/` as the last build left it (empty when there is none, or another bantin wrote
    /// it): the front-matter part of each shard, indexed.
    init(content: URL) {
        folder = Self.folder(content: content)
        root = content.standardizedFileURL.deletingLastPathComponent()
        contentName = content.standardizedFileURL.lastPathComponent
        program = BuildCache.program.map { "\($0.path)\t\($0.size)\t\($0.modified)\t\($0.inode)" } ?? ""
        let folder = self.folder, program = self.program
        let read = Parallel.map(Self.shardCount) { shard -> (Shard, [(String, Stored)]) in
            guard !program.isEmpty, let (part, records) = Self.readIndex(folder.appendingPathComponent(Self.shardName(shard)),
                                                                        shard: shard, program: program)
            else { return (Shard(), []) }
            return (part, records)
        }
        shards = read.map(\.0)
        for (_, records) in read { for (path, entry) in records { stored[path] = entry } }
    }

    // MARK: the memos the stages ask

    /// The article files the load stage need not read: their signature is the last scan's (`unchanged`, the
    /// scan's paths), this cache has an entry for their bytes, and their Markdown is not needed once rendered.
    func filesNotToRead(_ scan: InputScan, unchanged: Set<String>) -> Set<String> {
        lock.withLock {
            unread = []
            for file in scan.files where unchanged.contains(file.path) && file.path.hasPrefix("content/articles/") {
                let path = loaderPath(file.path)
                if let hash = file.hash, let known = stored[path], known.byteHash == hash, !known.keepsMarkdown { unread.insert(path) }
            }
            notReadCount = unread.count
            return unread
        }
    }

    /// The hash of every article file's bytes, from the scan once the load stage has read what it read.
    func takeHashes(_ scan: InputScan) {
        var hashes: [String: UInt64] = [:]
        for file in scan.files where file.path.hasPrefix("content/articles/") { if let hash = file.hash { hashes[loaderPath(file.path)] = hash } }
        lock.withLock { byteHashes = hashes }
    }

    /// "content/articles/x.md" (the scan's paths) as the load stage shows it: from the content folder's name.
    private func loaderPath(_ scanPath: String) -> String { contentName + scanPath.dropFirst("content".count) }

    func article(_ file: SourceFile, timeZone: TimeZone, allowsRawHTML: Bool) -> (ArticleSource?, [Diagnostic]) {
        let zone = timeZone.identifier
        let (hash, wasRead, known) = lock.withLock { () -> (UInt64?, Bool, (Stored, [UInt8])?) in
            seen.insert(file.path)
            return (byteHashes[file.path], !unread.contains(file.path), stored[file.path].map { ($0, shards[$0.shard].parsedPart) })
        }
        if let hash, let (place, part) = known, place.byteHash == hash, let (parsed, keepsMarkdown) = Self.decodeParsed(part, place.parsed),
           parsed.zone == zone, parsed.allowsRawHTML == allowsRawHTML {
            lock.withLock { taken[file.path] = parsed }
            guard var source = parsed.source else { return (nil, parsed.diagnostics) }
            // The body is the file's own text after its front matter (a scan of bytes, not YAML), taken only
            // where it is needed once rendered (such files are always read).
            if keepsMarkdown, let parts = try? FrontMatter.split(file.text) { source.body = Composed.nfc(parts.body) }
            return (source, parsed.diagnostics)
        }
        var file = file
        if !wasRead {
            // Not read, and its entry is not for this time zone or setting after all: read now, as the load reads.
            var problems: [Diagnostic] = []
            guard let read = ContentLoader(contentDirectory: root, displayRoot: root)
                .read(root.appendingPathComponent(file.path), into: &problems) else { return (nil, problems) }
            file = read
        }
        let result = ArticleSource.read(file, timeZone: timeZone)
        var parsed = Parsed(byteHash: hash ?? 0, zone: zone, allowsRawHTML: allowsRawHTML, source: result.0, diagnostics: result.1)
        parsed.source?.body = ""
        lock.withLock {
            // Without the hash of its bytes (not in the scan) it is not kept.
            if hash != nil { made[file.path] = (parsed, nil) }
            parsedCount += 1
        }
        return result
    }

    /// Pages are few: read each time.
    func page(_ file: SourceFile) -> (PageSource?, [Diagnostic]) { PageSource.read(file) }

    /// Called once every file is parsed: the bodies of the entries taken, read shard by shard.
    func parsesDone() {
        let wanted = lock.withLock { () -> [[(String, Range<Int>)]] in
            var wanted = [[(String, Range<Int>)]](repeating: [], count: Self.shardCount)
            for path in taken.keys { if let place = stored[path] { wanted[place.shard].append((path, place.rendered)) } }
            return wanted
        }
        let folder = self.folder, parts = lock.withLock { shards.map(\.renderedPart) }
        let read = Parallel.map(Self.shardCount) { shard -> [(String, Rendered)] in
            guard !wanted[shard].isEmpty,
                  let bytes = Self.readBytes(folder.appendingPathComponent(Self.shardName(shard)), parts[shard]) else { return [] }
            return wanted[shard].compactMap { path, range in
                Self.decodeRendered(bytes, range.lowerBound - parts[shard].lowerBound, range.count).map { (path, $0) }
            }
        }
        lock.withLock { for entries in read { for (path, rendered) in entries { takenBodies[path] = rendered } } }
    }

    func output(for path: String, markdown: String, allowsRawHTML: Bool) -> (Markdown.Output, String)? {
        guard let known = lock.withLock({ takenBodies.removeValue(forKey: path) }) else { return nil }
        return (Markdown.Output(html: known.html, firstParagraph: "", plainText: known.plainText), known.summary)
    }

    func remember(_ output: Markdown.Output, summary: String, for path: String, markdown: String, allowsRawHTML: Bool) {
        let rendered = Rendered(html: output.html, plainText: output.plainText, summary: summary)
        // Static pages' bodies come here too: they are few, and not kept.
        lock.withLock {
            if made[path] != nil {
                made[path]!.rendered = rendered
                renderedCount += 1
            } else if let parsed = taken[path] {
                // Parsed from the cache, rendered anew (it had no body kept: held back before, or damaged).
                made[path] = (parsed, rendered)
                renderedCount += 1
            }
        }
    }

    // MARK: written once the Markdown stage is done

    /// Writes the shard files holding an entry this build made, or an entry of a file that is gone; the other
    /// records of those files are copied as they were. Then lets everything go.
    func save() {
        let (changed, keep, entries, parts) = lock.withLock {
            () -> (Set<Int>, [Int: [(String, Stored)]], [String: (parsed: Parsed, rendered: Rendered?)], [Shard]) in
            var changed = Set(made.keys.map(Self.shard))
            for (path, place) in stored where !seen.contains(path) { changed.insert(place.shard) }
            var keep: [Int: [(String, Stored)]] = [:]
            for (path, place) in stored where changed.contains(place.shard) && seen.contains(path) && made[path] == nil {
                keep[place.shard, default: []].append((path, place))
            }
            return (changed, keep, made, shards)
        }
        defer { lock.withLock { shards = []; stored = [:]; made = [:]; taken = [:]; takenBodies = [:]; seen = [] } }
        guard !changed.isEmpty else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let order = changed.sorted(), folder = self.folder, program = self.program
        // Grouped once: each shard going through every entry copied them all 64 times (most of the writing time).
        var byShard: [Int: [(path: String, parsed: Parsed, rendered: Rendered?)]] = [:]
        for (path, entry) in entries { byShard[Self.shard(path), default: []].append((path, entry.parsed, entry.rendered)) }
        _ = Parallel.map(order.count) { position in
            let shard = order[position]
            let kept = keep[shard] ?? []
            // The kept records' bodies, from the file as it is (they were not read if not taken).
            let oldBodies = kept.isEmpty ? nil : Self.readBytes(folder.appendingPathComponent(Self.shardName(shard)), parts[shard].renderedPart)
            var records: [(path: String, tail: [UInt8], body: [UInt8])] = []
            for (path, place) in kept {
                guard let oldBodies else { continue }
                let start = place.rendered.lowerBound - parts[shard].renderedPart.lowerBound
                records.append((path, Array(parts[shard].parsedPart[place.parsed]), Array(oldBodies[start..<(start + place.rendered.count)])))
            }
            for entry in byShard[shard] ?? [] {
                let (tail, body) = Self.encode(entry.parsed, entry.rendered)
                records.append((entry.path, tail, body))
            }
            records.sort { $0.path < $1.path }
            // Front-matter records say where their body is in the body part, which follows them.
            var parsedPart = CacheWriter(), bodyPart = CacheWriter()
            for record in records {
                var head = CacheWriter()
                head.string(record.path)
                head.int(bodyPart.bytes.count)
                head.int(record.body.count)
                parsedPart.int(head.bytes.count + record.tail.count)
                parsedPart.append(head)
                parsedPart.raw(record.tail)
                bodyPart.raw(record.body)
            }
            var file = CacheWriter()
            file.string(Self.magic)
            file.string(program)
            file.int(records.count)
            file.int(parsedPart.bytes.count)
            file.append(parsedPart)
            file.append(bodyPart)
            Self.write(file.bytes, to: folder.appendingPathComponent(Self.shardName(shard)))
        }
    }

    static func shard(_ path: String) -> Int { Int(ContentHash.of(path) % UInt64(shardCount)) }
    private static func shardName(_ shard: Int) -> String { String(format: "%02d", shard) }

    // MARK: files

    /// Written under another name and renamed: a build killed meanwhile leaves the old file or none.
    private static func write(_ bytes: [UInt8], to url: URL) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard let handle = fopen(temporary.path, "wb") else { return }
        let complete = fwrite(bytes, 1, bytes.count, handle) == bytes.count
        if fclose(handle) == 0, complete, rename(temporary.path, url.path) == 0 { return }
        unlink(temporary.path)
    }

    /// `range` of a file's bytes; nil when it cannot be read whole.
    private static func readBytes(_ url: URL, _ range: Range<Int>) -> [UInt8]? {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
            guard got > 0 else { return nil }
            done += got
        }
        return bytes
    }

    /// A shard's front-matter part and where each record is; nil when the file is missing, damaged, or another
    /// bantin wrote it.
    private static func readIndex(_ url: URL, shard: Int, program: String) -> (Shard, [(String, Stored)])? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
              let head = readBytes(url, 0..<min(size, 4096)) else { return nil }
        let header = head.withUnsafeBytes { bytes -> (count: Int, parsedLength: Int, offset: Int)? in
            var reader = CacheReader(bytes)
            guard (try? reader.string()) == magic, (try? reader.string()) == program,
                  let count = try? reader.int(), let length = try? reader.int(), count >= 0, length >= 0 else { return nil }
            return (count, length, reader.offset)
        }
        guard let header, header.offset + header.parsedLength <= size,
              let parsedPart = readBytes(url, header.offset..<(header.offset + header.parsedLength)) else { return nil }
        let bodyStart = header.offset + header.parsedLength
        var records: [(String, Stored)] = []
        let ok = parsedPart.withUnsafeBytes { bytes -> Bool in
            var reader = CacheReader(bytes)
            for _ in 0..<header.count {
                guard let length = try? reader.int(), length >= 0 else { return false }
                let end = reader.offset + length
                var record = reader
                guard let path = try? record.string(), let start = try? record.int(), let bodyLength = try? record.int(),
                      start >= 0, bodyLength >= 0, bodyStart + start + bodyLength <= size, record.offset <= end else { return false }
                let tail = record.offset
                guard let hash = try? record.uint(), let keepsMarkdown = try? record.bool(), record.offset <= end,
                      (try? reader.skip(length)) != nil else { return false }
                records.append((path, Stored(shard: shard, parsed: tail..<end,
                                             rendered: (bodyStart + start)..<(bodyStart + start + bodyLength),
                                             byteHash: hash, keepsMarkdown: keepsMarkdown)))
            }
            return reader.isAtEnd
        }
        guard ok else { return nil }
        return (Shard(parsedPart: parsedPart, renderedPart: bodyStart..<size), records)
    }

    // MARK: records

    /// A front-matter record's fields after its path and body place, and its body record.
    private static func encode(_ parsed: Parsed, _ rendered: Rendered?) -> (tail: [UInt8], body: [UInt8]) {
        var writer = CacheWriter()
        writer.uint(parsed.byteHash)
        writer.bool(rendered?.keepsMarkdown ?? true)
        writer.string(parsed.zone)
        writer.bool(parsed.allowsRawHTML)
        writer.string(parsed.diagnostics.isEmpty ? "" : (try? JSONEncoder().encode(parsed.diagnostics)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        writer.optional(parsed.source) { writer, source in
            writer.string(source.path)
            writer.string(source.title)
            writer.double(source.date.timeIntervalSinceReferenceDate)
            writer.string(source.category)
            writer.optional(source.categoryLine) { $0.int($1) }
            writer.strings(source.tags)
            writer.optional(source.author) { $0.string($1) }
            writer.optional(source.source) { $0.string($1) }
            writer.optional(source.summary) { $0.string($1) }
            writer.optional(source.image) { $0.string($1) }
            writer.optional(source.imageAlt) { $0.string($1) }
            writer.optional(source.slug) { $0.string($1) }
            writer.optional(source.slugLine) { $0.int($1) }
            writer.strings(source.aliases)
            writer.bool(source.draft)
            writer.optional(source.publishDate) { $0.double($1.timeIntervalSinceReferenceDate) }
            writer.optional(source.expiryDate) { $0.double($1.timeIntervalSinceReferenceDate) }
            writer.strings(source.related)
            writer.optional(source.relatedLine) { $0.int($1) }
            writer.int(source.bodyLine)
            writer.strings(source.attachments)
            writer.strings(source.fileLinks.map { "\($0.line)\t\($0.reference)" })
            writer.int(source.lines.count)
            for key in source.lines.keys.sorted() {
                writer.string(key)
                writer.optional(source.lines[key]!) { $0.int($1) }
            }
        }
        var body = CacheWriter()
        body.optional(rendered) { writer, rendered in
            writer.string(rendered.html)
            writer.string(rendered.plainText)
            writer.string(rendered.summary)
        }
        return (writer.bytes, body.bytes)
    }

    /// The front matter as the record holds it (its body left empty), and whether the body is needed.
    private static func decodeParsed(_ part: [UInt8], _ range: Range<Int>) -> (Parsed, keepsMarkdown: Bool)? {
        part.withUnsafeBytes { bytes in
            var reader = CacheReader(UnsafeRawBufferPointer(rebasing: bytes[..<range.upperBound]), from: range.lowerBound)
            return try? decodeParsed(&reader)
        }
    }

    private static func decodeParsed(_ reader: inout CacheReader) throws -> (Parsed, keepsMarkdown: Bool) {
        let hash = try reader.uint()
        let keepsMarkdown = try reader.bool()
        let zone = try reader.string()
        let raw = try reader.bool()
        let diagnosticsJSON = try reader.string()
        let diagnostics = diagnosticsJSON.isEmpty ? []
            : try JSONDecoder().decode([Diagnostic].self, from: Data(diagnosticsJSON.utf8))
        // Arguments are evaluated left to right: the fields in the order `encode` wrote them.
        let source = try reader.optional { reader -> ArticleSource in
            var source = ArticleSource(
                path: try reader.string(), title: try reader.string(),
                date: Date(timeIntervalSinceReferenceDate: try reader.double()), category: try reader.string(),
                categoryLine: try reader.optional { try $0.int() }, tags: try reader.strings(),
                author: try reader.optional { try $0.string() }, source: try reader.optional { try $0.string() },
                summary: try reader.optional { try $0.string() }, image: try reader.optional { try $0.string() },
                imageAlt: try reader.optional { try $0.string() }, slug: try reader.optional { try $0.string() },
                slugLine: try reader.optional { try $0.int() }, aliases: try reader.strings(), draft: try reader.bool(),
                publishDate: try reader.optional { Date(timeIntervalSinceReferenceDate: try $0.double()) },
                expiryDate: try reader.optional { Date(timeIntervalSinceReferenceDate: try $0.double()) },
                related: try reader.strings(), relatedLine: try reader.optional { try $0.int() },
                body: "", bodyLine: try reader.int())
            source.attachments = try reader.strings()
            source.fileLinks = try reader.strings().compactMap { text in
                let parts = text.split(separator: "\t", maxSplits: 1)
                guard parts.count == 2, let line = Int(parts[0]) else { return nil }
                return ArticleSource.FileLink(reference: String(parts[1]), line: line)
            }
            let lineCount = try reader.int()
            for _ in 0..<max(lineCount, 0) {
                let key = try reader.string()
                source.lines[key] = .some(try reader.optional { try $0.int() })
            }
            source.isUsable = !diagnostics.contains { $0.severity == .error }
            return source
        }
        return (Parsed(byteHash: hash, zone: zone, allowsRawHTML: raw, source: source, diagnostics: diagnostics), keepsMarkdown)
    }

    /// A body record at `offset` of `bytes`; nil when it holds none or is damaged.
    private static func decodeRendered(_ bytes: [UInt8], _ offset: Int, _ length: Int) -> Rendered? {
        guard offset >= 0, offset + length <= bytes.count else { return nil }
        return bytes.withUnsafeBytes { buffer in
            var reader = CacheReader(UnsafeRawBufferPointer(rebasing: buffer[..<(offset + length)]), from: offset)
            return (try? reader.optional { reader in
                Rendered(html: try reader.string(), plainText: try reader.string(), summary: try reader.string())
            }) ?? nil
        }
    }
}
