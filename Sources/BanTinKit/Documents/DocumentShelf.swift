import Foundation

/// The documents section (văn bản) behind one door: the documents of `content/documents/`, the files they and the
/// articles list, and how the listings group them. The rest of the build asks this type, never the files.
public struct DocumentShelf: Sendable {
    /// Newest issued first (then by number), the order of every listing.
    public private(set) var documents: [Document] = []
    /// Every file published under `/files/`, by output path.
    public private(set) var files: [PublishedFile] = []
    /// The same by the reference made canonical ("files/Kế hoạch 03.pdf"), for articles' attachments.
    private var filesByReference: [String: PublishedFile] = [:]
    /// Each number folded as `Slug.fold` does ("03-kh/dus") → its newest document; those holding spaces apart.
    private var positionByNumber: [String: Int] = [:]
    private var spacedNumbers: [(String, Int)] = []
    /// The listings by type, issuer, field and year, each value with the positions of its documents.
    private(set) var groups: [Group] = []

    struct Group: Sendable {
        var filter: PageKind.DocumentFilter
        /// As written ("Kế hoạch", "Đảng ủy Sở", "2018").
        var name: String
        var positions: [Int]
    }

    public init() {}

    var isEmpty: Bool { documents.isEmpty }

    /// Folders a document's slug may not take: the listings' own.
    static let reservedSlugs: Set<String> = ["loai", "co-quan", "linh-vuc", "nam", "trang"]

    /// Reads every document, checks every file listed (by `documents`, and `attachments` that articles list), and
    /// returns all problems at once.
    static func make(_ sources: [SourceFile], attachments: [(reference: String, file: String, line: Int?)] = [],
                     config: SiteConfig, contentDirectory: URL, now: Date) -> (DocumentShelf, [Diagnostic]) {
        var published = PublishedFiles(contentDirectory: contentDirectory)
        var diagnostics: [Diagnostic] = []
        var documents: [Document] = []
        let markdown = Markdown(allowsRawHTML: config.unsafeMarkdown)
        for source in sources {
            let (document, problems) = DocumentSource.parse(source, settings: config.documents, timeZone: config.timeZone,
                                                            markdown: markdown, files: &published)
            diagnostics += problems
            if var document {
                document.state = document.state(at: now)
                documents.append(document)
            }
        }
        for attachment in attachments {
            _ = published.publish(attachment.reference, file: attachment.file, line: attachment.line, into: &diagnostics)
        }
        // The same number from the same issuer is one document written twice; the same slug, two pages at one address.
        var numbers: [String: Document] = [:]
        var slugs: [String: Document] = [:]
        for document in documents {
            let key = Slug.fold(document.number) + "\u{0}" + Slug.fold(document.issuer)
            if let first = numbers[key] {
                diagnostics.append(.error(document.sourcePath, line: document.lines.number, Message("document.duplicateNumber", [
                    "number": .text(document.number), "issuer": .text(document.issuer), "other": .text(first.sourcePath)])))
            } else {
                numbers[key] = document
            }
            if reservedSlugs.contains(document.slug) || document.slug.isEmpty {
                diagnostics.append(.error(document.sourcePath, line: document.lines.slug ?? document.lines.number,
                                          Message("document.reservedSlug", ["slug": .text(document.slug)])))
            } else if let first = slugs[document.slug] {
                diagnostics.append(.error(document.sourcePath, line: document.lines.slug ?? document.lines.number,
                                          Message("document.duplicateSlug", ["slug": .text(document.slug), "other": .text(first.sourcePath)])))
            } else {
                slugs[document.slug] = document
            }
        }
        var shelf = DocumentShelf()
        shelf.documents = documents.sorted { ($0.issued, $1.number, $1.slug) > ($1.issued, $0.number, $0.slug) }
        shelf.files = published.all
        shelf.filesByReference = published.byReference
        for (position, document) in shelf.documents.enumerated() {
            let number = Slug.fold(document.number).trimmingCharacters(in: .whitespaces)
            if number.isEmpty { continue }
            if number.contains(where: \.isWhitespace) {
                shelf.spacedNumbers.append((number, position))
            } else if shelf.positionByNumber[number] == nil {
                shelf.positionByNumber[number] = position
            }
        }
        shelf.groups = Self.groups(shelf.documents, timeZone: config.timeZone)
        return (shelf, diagnostics)
    }

    /// One listing per type, issuer, field and year with documents, in that order; names in Vietnamese order of
    /// their slugs, years newest first.
    private static func groups(_ documents: [Document], timeZone: TimeZone) -> [Group] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func grouped(_ name: (Document) -> String?, _ filter: (String) -> PageKind.DocumentFilter) -> [Group] {
            var bySlug: [String: Group] = [:]
            for (index, document) in documents.enumerated() {
                guard let name = name(document), !Slug.make(name).isEmpty else { continue }
                bySlug[Slug.make(name), default: Group(filter: filter(Slug.make(name)), name: name, positions: [])].positions.append(index)
            }
            return bySlug.sorted { $0.key < $1.key }.map(\.value)
        }
        var years: [Int: [Int]] = [:]
        for (index, document) in documents.enumerated() { years[calendar.component(.year, from: document.issued), default: []].append(index) }
        return grouped(\.type) { .type($0) } + grouped(\.issuer) { .issuer($0) } + grouped(\.field) { .field($0) }
            + years.sorted { $0.key > $1.key }.map { Group(filter: .year($0.key), name: String($0.key), positions: $0.value) }
    }

    /// The positions a listing shows.
    func positions(_ filter: PageKind.DocumentFilter) -> [Int] {
        if filter == .all { return Array(documents.indices) }
        return groups.first { $0.filter == filter }?.positions ?? []
    }

    func group(_ filter: PageKind.DocumentFilter) -> Group? { groups.first { $0.filter == filter } }

    func document(_ slug: String) -> Document? { documents.first { $0.slug == slug } }

    /// A file as an article lists it ("/files/Kế hoạch 03.pdf"), once published.
    func file(_ reference: String) -> PublishedFile? {
        PublishedFiles.canonical(reference).flatMap { filesByReference[$0] }
    }

    /// The document an article's `source` names by its number ("Kế hoạch số 03-KH/ĐUS" names "03-KH/ĐUS"): the
    /// longest number found in it as a whole word, so "3-KH" does not take "03-KH/ĐUS".
    /// Looked up by the pieces of the source between non-alphanumeric characters, so the cost is the source's
    /// length, not the number of documents (10,000 articles against 500 documents would be 5 million searches).
    func document(citedIn source: String) -> Document? {
        let text = Slug.fold(source)
        var best: (position: Int, length: Int)?
        func consider(_ number: String, _ position: Int) {
            if number.count > best?.length ?? 0 { best = (position, number.count) }
        }
        for token in text.split(whereSeparator: \.isWhitespace) {
            let characters = Array(token)
            func isWordCharacter(_ index: Int) -> Bool { characters[index].isLetter || characters[index].isNumber }
            let starts = characters.indices.filter { isWordCharacter($0) && ($0 == 0 || !isWordCharacter($0 - 1)) }
            let ends = characters.indices.filter { isWordCharacter($0) && ($0 == characters.count - 1 || !isWordCharacter($0 + 1)) }
            for start in starts {
                for end in ends where end >= start {
                    let piece = String(characters[start...end])
                    if let position = positionByNumber[piece] { consider(piece, position) }
                }
            }
        }
        // A number written with spaces ("Số 12 /KH") cannot be one piece: searched for as it is.
        for (number, position) in spacedNumbers where Self.wholeWord(number, in: text) != nil { consider(number, position) }
        return best.map { documents[$0.position] }
    }

    private static func wholeWord(_ word: String, in text: String) -> Range<String.Index>? {
        var start = text.startIndex
        while let range = text.range(of: word, range: start..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false || before?.isNumber ?? false), !(after?.isLetter ?? false || after?.isNumber ?? false) {
                return range
            }
            start = text.index(after: range.lowerBound)
        }
        return nil
    }

    /// The next time a document's state changes after `now`: the timer build writes its pages again then.
    func nextChange(after now: Date) -> Date? {
        documents.flatMap { $0.changes(after: now) }.min()
    }
}

extension DocumentShelf {
    /// The published files as the writer copies them, byte for byte.
    func copies(contentDirectory: URL) -> [OutputPlanner.Copy] {
        files.map { file in
            OutputPlanner.Copy(source: NFCNames.onDisk(file.reference, under: contentDirectory),
                               sourceName: file.source, path: file.path)
        }
    }
}
