import BanTinImages
import Foundation
import Testing
@testable import BanTinKit

/// The documents section (văn bản): `content/documents/`, the files of `content/files/` they list, their pages and
/// listings, and the articles citing them, built through the real pipeline from projects on disk.
@Suite struct DocumentTests {
    /// A PDF's first bytes, then filler to the size wanted.
    static func pdf(size: Int = 2_000) -> Data {
        var data = Data("%PDF-1.4\n".utf8)
        data.append(Data(repeating: 0x20, count: max(0, size - data.count)))
        return data
    }

    static func document(_ number: String, type: String = "Kế hoạch", issuer: String = "Đảng ủy Sở",
                         issued: String = "2018-03-15", extra: String = "", title: String = "Trích yếu văn bản") -> String {
        """
        ---
        number: "\(number)"
        type: "\(type)"
        title: "\(title)"
        issuer: "\(issuer)"
        issued: \(issued)
        \(extra)
        ---
        """
    }

    static let siteYAML = Fixtures.siteYAML + "\ndocuments:\n  types: [\"Kế hoạch\", \"Quyết định\", \"Thông báo\"]\n"

    func project() throws -> TestProject {
        try TestProject(articles: 2, siteYAML: Self.siteYAML)
    }

    func write(_ data: Data, to path: String, in project: TestProject) throws {
        let url = project.folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String, in project: TestProject) throws -> String {
        try String(contentsOf: project.output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func everyMistakeInTheDocumentsIsReportedAtItsLineAllAtOnce() throws {
        let project = try project()
        defer { project.remove() }
        try write(Data("PK\u{3}\u{4} not a pdf".utf8), to: "content/files/gia.pdf", in: project)
        try write(Self.pdf(), to: "content/files/that.pdf", in: project)
        try write(Self.pdf(), to: "content/outside.pdf", in: project)
        try project.write("---\ntype: \"Kế hoạch\"\ntitle: \"Không số\"\nissuer: \"Sở\"\nissued: 2018-03-15\n---\n",
                          to: "content/documents/khong-so.md")
        try project.write(Self.document("01/KH", issued: "15/3/2018 sáng"), to: "content/documents/ngay-sai.md")
        try project.write(Self.document("03-KH/ĐUS"), to: "content/documents/a.md")
        try project.write(Self.document("03-KH/ĐUS", extra: "slug: ke-hoach-03-ban-sao"), to: "content/documents/b.md")
        try project.write(Self.document("04/KH", extra: "effective: 2018-03-01"), to: "content/documents/hieu-luc.md")
        try project.write(Self.document("05/KH", extra: "files:\n  - /files/khong-co.pdf\n  - /content/outside.pdf\n  - /files/gia.pdf\n  - /files/that.pdf"),
                          to: "content/documents/tep.md")
        try project.write(Self.document("06/KH", type: "Kế hoặc"), to: "content/documents/loai.md")
        let errors = project.failure()
        func error(_ file: String, line: Int, _ contains: String) {
            #expect(errors.contains { $0.hasPrefix("content/documents/\(file):\(line): error:") && $0.contains(contains) },
                    "\(file):\(line) \(contains) in \(errors)")
        }
        error("khong-so.md", line: 2, "number")
        error("ngay-sai.md", line: 6, "issued")
        error("b.md", line: 2, "content/documents/a.md")
        error("hieu-luc.md", line: 7, "effective")
        error("tep.md", line: 8, "khong-co.pdf")
        error("tep.md", line: 9, "outside.pdf")
        error("tep.md", line: 10, "content/files/gia.pdf")
        error("loai.md", line: 3, "Kế hoạch")
        #expect(errors.count == 8, "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
    }

    @Test func filesAreMessagesInVietnameseWithTheRightWords() throws {
        let project = try project()
        defer { project.remove() }
        try write(Data("PK\u{3}\u{4}".utf8), to: "content/files/gia.pdf", in: project)
        try project.write(Self.document("05/KH", extra: "files: [/files/gia.pdf]"), to: "content/documents/tep.md")
        do {
            try Build.run(project.options)
            Issue.record("the build should fail")
        } catch let failure as BuildFailure {
            let text = failure.errors.map { $0.rendered(in: .vi) }.joined(separator: "\n")
            #expect(text.contains("không phải tệp PDF"), "\(text)")
        }
    }

    func builtSite(_ project: TestProject) throws {
        try write(Self.pdf(size: 245 * 1024 + 100), to: "content/files/Kế hoạch 03.pdf", in: project)
        try write(Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 1_496)), to: "content/files/2018/Dự thảo.DOCX", in: project)
        try project.write(Self.document("03-KH/ĐUS", extra: """
            field: "Dân vận"
            expired: 2018-10-01
            files: ["/files/Kế hoạch 03.pdf", "files/2018/Dự thảo.DOCX"]
            """, title: "Công tác dân vận năm 2018") + "\nThực hiện đến hết tháng 9/2018.\n", to: "content/documents/03.md")
        try project.write(Self.document("12/KH-SLĐTBXH", issuer: "Sở Lao động - Thương binh và Xã hội", issued: "2026-02-10",
                                        extra: "field: \"Việc làm\"", title: "Ngày hội việc làm"), to: "content/documents/12.md")
        try project.write(Self.document("245/QĐ-SLĐTBXH", type: "Quyết định", issuer: "Sở Lao động - Thương binh và Xã hội",
                                        issued: "2026-05-04", extra: "effective: 2026-12-01", title: "Quy chế làm việc"),
                          to: "content/documents/245.md")
        try project.write(Fixtures.article("dan-van", title: "Kế hoạch dân vận khéo", date: "2018-03-16",
                                           extra: "source: \"Kế hoạch số 03-KH/ĐUS\"").text, to: "content/articles/dan-van.md")
        try project.write(Fixtures.article("khac", title: "Một kế hoạch khác", date: "2018-03-17",
                                           extra: "source: \"Kế hoạch số 3-KH/ĐUS\"").text, to: "content/articles/khac.md")
        try Build.run(project.options)
    }

    @Test func filterPagesListTheirDocumentsNewestIssuedFirst() throws {
        let project = try project()
        defer { project.remove() }
        try builtSite(project)
        func numbers(_ path: String) throws -> [String] {
            let page = try read(path, in: project)
            return page.components(separatedBy: "<td data-label=\"Số ký hiệu\"><a href=\"").dropFirst().map {
                String($0.split(separator: ">")[1].split(separator: "<")[0])
            }
        }
        // page_size is 2: the list runs to a second page, as a folder.
        #expect(try numbers("van-ban/index.html") == ["245/QĐ-SLĐTBXH", "12/KH-SLĐTBXH"])
        #expect(try numbers("van-ban/trang/2/index.html") == ["03-KH/ĐUS"])
        #expect(try numbers("van-ban/loai/ke-hoach/index.html") == ["12/KH-SLĐTBXH", "03-KH/ĐUS"])
        #expect(try numbers("van-ban/loai/quyet-dinh/index.html") == ["245/QĐ-SLĐTBXH"])
        #expect(try numbers("van-ban/co-quan/dang-uy-so/index.html") == ["03-KH/ĐUS"])
        #expect(try numbers("van-ban/linh-vuc/viec-lam/index.html") == ["12/KH-SLĐTBXH"])
        #expect(try numbers("van-ban/nam/2018/index.html") == ["03-KH/ĐUS"])
        #expect(try numbers("van-ban/nam/2026/index.html") == ["245/QĐ-SLĐTBXH", "12/KH-SLĐTBXH"])
        let list = try read("van-ban/index.html", in: project)
        #expect(list.contains("<a href=\"/van-ban/loai/quyet-dinh/\">Quyết định <span class=\"filter-count\">(1)</span></a>"))
    }

    @Test func aDocumentPageShowsItsFactsStateFilesAndCitingArticles() throws {
        let project = try project()
        defer { project.remove() }
        try builtSite(project)
        let page = try read("van-ban/03-kh-dus/index.html", in: project)
        #expect(page.contains("<time datetime=\"2018-03-15T00:00:00+07:00\">15/03/2018</time>"))
        #expect(page.contains("<td>01/10/2018</td>"))
        #expect(page.contains("<p class=\"document-state het-hieu-luc\">Hết hiệu lực</p>"))
        #expect(page.contains("<a href=\"/files/ke-hoach-03.pdf\" download>ke-hoach-03.pdf</a> <span class=\"attachment-meta\">(PDF, 245 KB)</span>"))
        #expect(page.contains("<a href=\"/files/2018/du-thao.docx\" download>du-thao.docx</a> <span class=\"attachment-meta\">(DOCX, 1 KB)</span>"))
        #expect(page.contains("<p>Thực hiện đến hết tháng 9/2018.</p>"))
        #expect(page.contains("<a href=\"/tin/ke-hoach-dan-van-kheo/\">Kế hoạch dân vận khéo</a>"))
        let cited = try #require(page.components(separatedBy: "Bài viết dẫn văn bản này").last?.components(separatedBy: "</section>").first)
        #expect(cited.contains("Kế hoạch dân vận khéo") && !cited.contains("Một kế hoạch khác"))
        #expect(page.contains("\"legislationIdentifier\":\"03-KH/ĐUS\""))
        // Published byte for byte under their slugged names.
        let published = try Data(contentsOf: project.output.appendingPathComponent("files/ke-hoach-03.pdf"))
        #expect(published == (try Data(contentsOf: project.content.appendingPathComponent("files/Kế hoạch 03.pdf"))))
        #expect(try read("van-ban/245-qd-sldtbxh/index.html", in: project).contains("Chưa có hiệu lực"))
        #expect(try read("van-ban/12-kh-sldtbxh/index.html", in: project).contains("Còn hiệu lực"))
    }

    @Test func documentsAreInTheirFeedAndTheSitemap() throws {
        let project = try project()
        defer { project.remove() }
        try builtSite(project)
        let feed = try read("van-ban/feed.xml", in: project)
        #expect(feed.contains("<title>Quyết định số 245/QĐ-SLĐTBXH: Quy chế làm việc</title>"))
        #expect(feed.contains("<link>https://example.gov.vn/van-ban/03-kh-dus/</link>"))
        let sitemap = try read("sitemap.xml", in: project)
        #expect(sitemap.contains("<loc>https://example.gov.vn/van-ban/03-kh-dus/</loc>"))
        #expect(sitemap.contains("<loc>https://example.gov.vn/van-ban/loai/ke-hoach/</loc>"))
        #expect(!sitemap.contains("/files/"))
    }

    @Test func aBylineWhoseSourceNamesADocumentLinksToIt() throws {
        let project = try project()
        defer { project.remove() }
        try builtSite(project)
        let article = try read("tin/ke-hoach-dan-van-kheo/index.html", in: project)
        #expect(article.contains("<a href=\"/van-ban/03-kh-dus/\">Kế hoạch số 03-KH/ĐUS</a>"))
        // "3-KH/ĐUS" is another number, not a part of "03-KH/ĐUS".
        #expect(!(try read("tin/mot-ke-hoach-khac/index.html", in: project)).contains("/van-ban/"))
    }

    @Test func sizesAreShownAsFileManagersShowThem() {
        func text(_ size: Int) -> String { PublishedFile(source: "", reference: "", path: "", type: .pdf, size: size).sizeText }
        #expect(text(10) == "1 KB")
        #expect(text(245 * 1024) == "245 KB")
        #expect(text(1024 * 1024 * 12 / 10) == "1,2 MB")
        #expect(text(3 * 1024 * 1024) == "3 MB")
    }

    @Test func aPDFsFirstPageIsDrawnAsAPictureThroughTheImageCache() throws {
        let project = try project()
        defer { project.remove() }
        let sample = Fixtures.repositoryRoot.appendingPathComponent("content/files/2018/Kế hoạch 03-KH-ĐUS.pdf")
        try write(try Data(contentsOf: sample), to: "content/files/ke-hoach.pdf", in: project)
        // Starts as a PDF does, but poppler cannot draw it: published all the same, without a picture.
        try write(Self.pdf(), to: "content/files/hong.pdf", in: project)
        try project.write(Self.document("01/KH", extra: "files: [/files/ke-hoach.pdf, /files/hong.pdf]"), to: "content/documents/a.md")
        let report = try Build.run(project.options)
        let page = try read("van-ban/01-kh/index.html", in: project)
        let preview = try #require(page.components(separatedBy: "<a class=\"document-preview\" href=\"/files/ke-hoach.pdf\"").dropFirst().first)
        let src = try #require(preview.components(separatedBy: "<img src=\"").dropFirst().first?.split(separator: "\"").first)
        #expect(src.hasPrefix("/images/ke-hoach.600."))
        let picture = try Data(contentsOf: project.output.appendingPathComponent(String(src.dropFirst())))
        #expect(picture.starts(with: [0xFF, 0xD8]), "a JPEG")
        #expect(page.contains("width=\"600\" height=\"849\""), "an A4 page's proportions")
        #expect(!page.contains("<a class=\"document-preview\" href=\"/files/hong.pdf\""))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("files/hong.pdf").path))
        #expect(report.warnings.contains { $0.file == "content/files/hong.pdf" && $0.text.key == "document.noFirstPage" })
        // The page is drawn once: kept in the image cache by the PDF's bytes, and resized from there like a photo.
        let drawn = try FileManager.default.contentsOfDirectory(atPath: project.folder.appendingPathComponent(".bantin/images/pdf-pages").path)
        #expect(drawn.count == 1 && drawn[0].hasSuffix("-600x1800.png"), "\(drawn)")
        // The same picture comes from the image cache the second time.
        var again = project.options
        again.fullRebuild = true
        try Build.run(again)
        #expect(try read("van-ban/01-kh/index.html", in: project).contains(String(src)))
    }

    @Test func anArticlesAttachmentsAreListedAtItsEndAndInItsPrintView() throws {
        let project = try project()
        defer { project.remove() }
        try write(Self.pdf(size: 3 * 1024), to: "content/files/Bảng tổng hợp.pdf", in: project)
        try project.write(Fixtures.article("dk", title: "Tin có tệp", extra: "attachments: [\"/files/Bảng tổng hợp.pdf\"]").text,
                          to: "content/articles/dk.md")
        try Build.run(project.options)
        let page = try read("tin/tin-co-tep/index.html", in: project)
        #expect(page.contains("Tệp đính kèm"))
        #expect(page.contains("<a href=\"/files/bang-tong-hop.pdf\" download>bang-tong-hop.pdf</a> <span class=\"attachment-meta\">(PDF, 3 KB)</span>"))
        let print = try read("tin/tin-co-tep/in.html", in: project)
        #expect(print.contains("bang-tong-hop.pdf (PDF, 3 KB): https://example.gov.vn/files/bang-tong-hop.pdf"))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("files/bang-tong-hop.pdf").path))
    }

    @Test func aMissingAttachmentIsAnErrorAtItsArticle() throws {
        let project = try project()
        defer { project.remove() }
        try project.write(Fixtures.article("dk", title: "Tin có tệp", extra: "attachments: [/files/khong-co.docx]").text,
                          to: "content/articles/dk.md")
        let errors = project.failure()
        #expect(errors.count == 1 && errors[0].hasPrefix("content/articles/dk.md:5: error:") && errors[0].contains("khong-co.docx"), "\(errors)")
    }

    @Test func aBodysLinkToAFileIsPublishedUnderItsSluggedName() throws {
        let project = try project()
        defer { project.remove() }
        try write(Self.pdf(), to: "content/files/Bảng tổng hợp.pdf", in: project)
        try project.write(Fixtures.article("lk", title: "Tin có liên kết", body: "Xem [bảng](</files/Bảng tổng hợp.pdf>).").text,
                          to: "content/articles/lk.md")
        try project.write(Fixtures.article("hong", title: "Tin hỏng", body: "Dòng một.\n\nXem [tệp](/files/khong-co.pdf).").text,
                          to: "content/articles/hong.md")
        let errors = project.failure()
        #expect(errors.count == 1 && errors[0].hasPrefix("content/articles/hong.md:9: error:"), "\(errors)")
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("articles/hong.md"))
        try Build.run(project.options)
        #expect(try read("tin/tin-co-lien-ket/index.html", in: project).contains("<a href=\"/files/bang-tong-hop.pdf\">bảng</a>"))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("files/bang-tong-hop.pdf").path))
    }

    @Test func aStaticPagesLinkToAFileIsPublishedToo() throws {
        let project = try project()
        defer { project.remove() }
        try write(Self.pdf(), to: "content/files/Quy chế làm việc.pdf", in: project)
        try project.write("---\ntitle: Giới thiệu\n---\nXem [quy chế](</files/Quy chế làm việc.pdf>).\n", to: "content/pages/gioi-thieu.md")
        try project.write("---\ntitle: Liên hệ\n---\nDòng một.\n\nXem [tệp](/files/khong-co.pdf).\n", to: "content/pages/lien-he.md")
        let errors = project.failure()
        #expect(errors.count == 1 && errors[0].hasPrefix("content/pages/lien-he.md:6: error:"), "\(errors)")
        #expect(Build.check(project.options).problems.contains { $0.description.hasPrefix("content/pages/lien-he.md:6: error:") })
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("pages/lien-he.md"))
        try Build.run(project.options)
        #expect(try read("gioi-thieu/index.html", in: project).contains("<a href=\"/files/quy-che-lam-viec.pdf\">quy chế</a>"))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("files/quy-che-lam-viec.pdf").path))
    }

    /// A PDF of one page `width` × `height` points, with a valid cross-reference table.
    static func pdfPage(width: Int, height: Int) -> Data {
        let objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] >>"]
        var text = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let table = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n"
        return Data(text.utf8)
    }

    /// The first page's picture is bounded whatever the page's shape: a page a point wide and 200 inches tall,
    /// drawn 600 px wide, would be 8.6 million pixels tall (the huge-drawing class of issue #31).
    @Test(arguments: [(595, 842, 600, 849), (1, 14_400, 1, 1_800), (14_400, 14_400, 600, 600)])
    func aPDFsFirstPageIsDrawnWithinItsBox(_ page: (Int, Int, Int, Int)) throws {
        let png = try DocumentPage.firstPage(ofPDF: Self.pdfPage(width: page.0, height: page.1)).get()
        let bytes = [UInt8](png)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width <= page.2 + 1 && height <= page.3 + 1 && max(width, height) >= min(page.2, page.3), "\(width) × \(height)")
        #expect(height <= DocumentPage.width * 3)
    }

    /// A file saved on a Mac has its name in NFD; the document names it as typed (NFC): the same file.
    @Test func aFileNamedInNFDIsFoundByItsNameAsTyped() throws {
        let project = try project()
        defer { project.remove() }
        let typed = "Kế hoạch số 03.pdf"
        try write(Self.pdf(), to: "content/files/" + typed.decomposedStringWithCanonicalMapping, in: project)
        try project.write(Self.document("03/KH", extra: "files: [\"/files/\(typed)\"]"), to: "content/documents/a.md")
        try Build.run(project.options)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("files/ke-hoach-so-03.pdf").path))
        #expect(!Build.check(project.options).problems.contains { $0.severity == .error })
    }

    @Test func onlyListedFilesArePublished() throws {
        let project = try project()
        defer { project.remove() }
        try write(Self.pdf(), to: "content/files/listed.pdf", in: project)
        try write(Self.pdf(), to: "content/files/unlisted.pdf", in: project)
        try project.write(Self.document("01/KH", extra: "files: [/files/listed.pdf]"), to: "content/documents/a.md")
        try Build.run(project.options)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("files/listed.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("files/unlisted.pdf").path))
    }
}

/// A document's state is as of the build; the timer's rebuild writes its pages again on the day the state changes,
/// as it publishes a scheduled article.
@Suite struct DocumentStateTimerTests {
    @Test func aDocumentWhoseExpiryPassesBetweenTwoTimerBuildsChangesState() throws {
        let timer = TimerRebuildTests()
        let project = try timer.makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write("{{#document}}<p class=\"{{state.key}}\">{{number}}</p>{{/document}}",
                                  to: project.templates.appendingPathComponent("document.mustache"))
        try CounterFixtures.write("{{#documents}}{{#items}}{{number}}{{/items}}{{/documents}}",
                                  to: project.templates.appendingPathComponent("documents.mustache"))
        try FileManager.default.createDirectory(at: project.content.appendingPathComponent("documents"), withIntermediateDirectories: true)
        // Expires on 27 November 2026, midnight in the site's time zone (26 November, 17:00 UTC).
        try CounterFixtures.write(DocumentTests.document("08/TB", type: "Thông báo", issued: "2026-10-02", extra: "expired: 2026-11-27"),
                                  to: project.content.appendingPathComponent("documents/08.md"))
        try Build.run(project.options)
        #expect(try project.read("van-ban/08-tb/index.html").contains("class=\"con-hieu-luc\""))
        var options = project.options
        options.now = try #require(ISO8601DateFormatter().date(from: "2026-11-26T16:59:00Z"))
        #expect(try Build.run(options).fromCache)
        #expect(try project.read("van-ban/08-tb/index.html").contains("class=\"con-hieu-luc\""))
        options.now = try #require(ISO8601DateFormatter().date(from: "2026-11-26T17:00:00Z"))
        #expect(!(try Build.run(options).fromCache))
        #expect(try project.read("van-ban/08-tb/index.html").contains("class=\"het-hieu-luc\""))
        #expect(try timer.tree(project.output) == (try timer.fullBuild(project, "fresh", now: options.now)))
    }
}

@Suite struct DocumentSearchTests {
    /// Every file under the output's search index, by its path in the output.
    func index(_ project: TestProject) throws -> SearchIndexReader {
        var files: [String: String] = [:]
        let folder = project.output.appendingPathComponent("tim-kiem/index")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files["tim-kiem/index/" + name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return try SearchIndexReader(files)
    }

    @Test func aDocumentIsFoundByItsNumberTypedLooselyAndSaysItIsADocument() throws {
        let project = try TestProject(articles: 2)
        defer { project.remove() }
        try project.write(DocumentTests.document("03-KH/ĐUS", title: "Công tác dân vận năm 2018"), to: "content/documents/03.md")
        try Build.run(project.options)
        let index = try index(project)
        // The two articles come first; the document is id 2.
        #expect(index.count == 3)
        for query in ["03-KH/ĐUS", "03-kh/dus", "03 kh dus"] {
            var terms: [String] = []
            SearchTokens.forEach(in: query) { folded, _, _ in terms.append(String(decoding: folded, as: UTF8.self)) }
            #expect(terms == ["03", "kh", "dus"], "\(query)")
            for term in terms { #expect(index.term(term)?.ids.contains(2) == true, "\(query): \(term)") }
            #expect(index.pair("03 kh") == [2] && index.pair("kh dus") == [2], "\(query)")
        }
        let row = try #require(index.row(2))
        #expect(row[0] as? String == "Kế hoạch số 03-KH/ĐUS: Công tác dân vận năm 2018")
        #expect(row[1] as? String == "/van-ban/03-kh-dus/")
        let category = try #require(row[4] as? Int)
        #expect(index.categories[category] == ["Văn bản", "/van-ban/"])
    }
}

/// A document page's views and each file's downloads, through the counter's views file (no page holds a figure).
@Suite struct DocumentCounterTests {
    @Test func downloadsOfAFileAreCountedForItAndAreNoPageViews() throws {
        let project = try CounterBuildTests().makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write("{{#document}}<p data-views-key=\"{{views_key}}\"></p>{{#files}}<a data-views-key=\"{{downloads_key}}\" href=\"{{url}}\"></a>{{/files}}{{/document}}",
                                  to: project.templates.appendingPathComponent("document.mustache"))
        try CounterFixtures.write("{{#documents}}{{#items}}{{number}}{{/items}}{{/documents}}",
                                  to: project.templates.appendingPathComponent("documents.mustache"))
        try FileManager.default.removeItem(at: project.templates.appendingPathComponent("partials/counter-figures.mustache"))
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("templates/partials/counter-figures.mustache"),
                                         to: project.templates.appendingPathComponent("partials/counter-figures.mustache"))
        let pdf = project.content.appendingPathComponent("files/Kế hoạch.pdf")
        try FileManager.default.createDirectory(at: pdf.deletingLastPathComponent(), withIntermediateDirectories: true)
        try DocumentTests.pdf().write(to: pdf)
        try FileManager.default.createDirectory(at: project.content.appendingPathComponent("documents"), withIntermediateDirectories: true)
        try CounterFixtures.write(DocumentTests.document("08/TB", type: "Thông báo", issued: "2026-10-02", extra: "files: [/files/Kế hoạch.pdf]"),
                                  to: project.content.appendingPathComponent("documents/08.md"))
        try CounterFixtures.write([
            CounterFixtures.line("/van-ban/08-tb/", ip: "203.0.113.1", time: "25/Nov/2026:08:00:00 +0700"),
            CounterFixtures.line("/files/ke-hoach.pdf", ip: "203.0.113.1", time: "25/Nov/2026:08:01:00 +0700"),
            CounterFixtures.line("/files/ke-hoach.pdf", ip: "203.0.113.2", time: "25/Nov/2026:08:02:00 +0700"),
            // A browser's range request (206), a cache check (304), a missing file: no download.
            CounterFixtures.line("/files/ke-hoach.pdf", ip: "203.0.113.3", time: "25/Nov/2026:08:03:00 +0700", status: 206),
            CounterFixtures.line("/files/ke-hoach.pdf", ip: "203.0.113.3", time: "25/Nov/2026:08:04:00 +0700", status: 304),
        ].joined(separator: "\n") + "\n", to: project.log)
        let report = try Build.run(project.options)
        #expect(report.counter?.downloads == 2)
        #expect(report.counter?.views == 1)
        #expect(report.counter?.summary(in: .en).contains(": 1 page views, 2 file downloads, 0 search engines") == true, "\(report.counter?.summary ?? "")")
        let page = try project.read("van-ban/08-tb/index.html")
        func key(_ marker: String) throws -> String {
            let after = try #require(page.components(separatedBy: marker).dropFirst().first)
            return String(after.prefix { $0 != "\"" })
        }
        let viewsKey = try key("<p data-views-key=\""), downloadsKey = try key("<a data-views-key=\"")
        let views = try #require(try JSONSerialization.jsonObject(with: Data(project.read("thong-ke/luot-xem.json").utf8)) as? [String: Int])
        #expect(views[viewsKey] == 1)
        #expect(views[downloadsKey] == 2)
        #expect(try project.read("thong-ke/so-lieu.json").contains("\"total\":892763,"), "the baseline and one view")
        #expect(try project.read("thong-ke/index.html").contains("ke-hoach.pdf</a> <span class=\"most-read-views\">(2 lượt tải)</span>"))
        // A timer build that only reads new log lines (the counter's files from the build cache) counts downloads too.
        try CounterFixtures.append(CounterFixtures.line("/files/ke-hoach.pdf", ip: "203.0.113.4", time: "25/Nov/2026:08:05:00 +0700") + "\n",
                                   to: project.log)
        let timer = try Build.run(project.options)
        #expect(timer.fromCache)
        let after = try #require(try JSONSerialization.jsonObject(with: Data(project.read("thong-ke/luot-xem.json").utf8)) as? [String: Int])
        #expect(after[downloadsKey] == 3 && after[viewsKey] == 1)
    }
}

@Suite struct DocumentCheckTests {
    @Test func checkWarnsAboutUnlistedFilesAndSourcesNamingNoDocument() throws {
        let project = try TestProject(articles: 1)
        defer { project.remove() }
        try DocumentTests().write(DocumentTests.pdf(), to: "content/files/listed.pdf", in: project)
        try DocumentTests().write(DocumentTests.pdf(), to: "content/files/cu/Bỏ quên.pdf", in: project)
        try project.write(DocumentTests.document("03-KH/ĐUS", extra: "files: [/files/listed.pdf]"), to: "content/documents/03.md")
        try project.write(Fixtures.article("co", title: "Có văn bản", extra: "source: \"Kế hoạch số 03-KH/ĐUS\"").text, to: "content/articles/co.md")
        try project.write(Fixtures.article("khong", title: "Không có", extra: "source: \"Số: 12/KH-SLĐTBXH\"").text, to: "content/articles/khong.md")
        try project.write(Fixtures.article("ten", title: "Tên phòng", extra: "source: \"Phòng Lao động - Việc làm\"").text, to: "content/articles/ten.md")
        let problems = Build.check(project.options).problems.filter { ["document.sourceUnknown", "document.fileUnlisted"].contains($0.text.key) }
        #expect(problems.map { "\($0.file):\($0.line ?? 0) \($0.text.key)" } == [
            "content/articles/khong.md:5 document.sourceUnknown",
            "content/files/cu/Bỏ quên.pdf:1 document.fileUnlisted",
        ])
        #expect(problems.allSatisfy { $0.severity == .warning })
        #expect(DocumentCheck.documentNumber(in: "Nghị định số 77/2024/NĐ-CP") == "77/2024/NĐ-CP")
        #expect(DocumentCheck.documentNumber(in: "Phòng Lao động - Việc làm") == nil)
    }
}

@Suite struct NewDocumentTests {
    @Test func aNewDocumentFileBuildsAsItIs() throws {
        let project = try TestProject(articles: 1)
        defer { project.remove() }
        let config = try #require(SiteConfig.parse(SourceFile(path: "content/site.yml", text: DocumentTests.siteYAML)).0)
        let file = try NewDocument.make(title: "Tổ chức hội nghị", number: "05/KH-SLĐTBXH", type: "ke hoach",
                                        issuer: "Sở Lao động - Thương binh và Xã hội", config: config, now: Fixtures.options.now)
        #expect(file.path == "documents/05-kh-sldtbxh.md")
        #expect(file.text.contains("type: \"Kế hoạch\"\n") && file.text.contains("issued: 2026-11-25\n"))
        try project.write(file.text, to: "content/" + file.path)
        try Build.run(project.options)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("van-ban/05-kh-sldtbxh/index.html").path))
        #expect(throws: BuildFailure.self) {
            try NewDocument.make(title: "X", number: "1", type: "Kế hoặc", issuer: "Sở", config: config, now: Fixtures.options.now)
        }
    }
}
