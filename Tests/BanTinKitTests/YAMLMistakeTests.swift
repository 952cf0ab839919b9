import Foundation
import Testing
@testable import BanTinKit

/// The YAML mistakes editors make, told in their words at the line to fix, in both languages.
@Suite struct YAMLMistakeTests {
    /// The one error of an article whose front matter is `lines` (its first line is line 2 of the file).
    func error(_ lines: String) -> Diagnostic? {
        let file = SourceFile(path: "content/articles/loi.md", text: "---\n" + lines + "---\nNội dung.\n")
        return Fixtures.failure([file]).first
    }

    @Test func aColonInTheTitleAsksToQuoteTheWholeTitle() throws {
        let found = try #require(error("title: Hội nghị: tổng kết năm 2026\ndate: 2026-11-25\ncategory: Các vấn đề chung\n"))
        #expect(found.line == 2)
        let vi = found.text.rendered(in: .vi)
        #expect(vi.hasPrefix("tiêu đề có dấu hai chấm: hãy đặt cả tiêu đề trong dấu nháy đơn, viết: title: 'Hội nghị: tổng kết năm 2026'"))
        #expect(vi.hasSuffix("[YAML: mapping values are not allowed in this context]"))
        #expect(found.text.rendered(in: .en).hasPrefix("the title contains a colon: put all of the title in single quotes"))
    }

    @Test func aColonInAnotherValueNamesThatKey() throws {
        let found = try #require(error("title: Tin\ndate: 2026-11-25\ncategory: Các vấn đề chung\nimage_alt: Ảnh: quang cảnh\n"))
        #expect(found.line == 5)
        #expect(found.text.rendered(in: .vi).hasPrefix("giá trị của \"image_alt\" có dấu hai chấm"))
        #expect(found.text.rendered(in: .vi).contains("image_alt: 'Ảnh: quang cảnh'"))
    }

    @Test func aTitleStartingWithAQuotedPhraseIsQuotedWhole() throws {
        for (title, fixed) in [("\"Dân vận khéo\" ở xã Tân Hòa", "title: '\"Dân vận khéo\" ở xã Tân Hòa'"),
                               ("\"Dân vận khéo\" - phong trào thi đua", "title: '\"Dân vận khéo\" - phong trào thi đua'"),
                               ("'Dân vận khéo' ở xã", "title: \"'Dân vận khéo' ở xã\""),
                               ("\"Hội nghị \"Dân vận khéo\" năm 2026\"", "title: 'Hội nghị \"Dân vận khéo\" năm 2026'")] {
            let found = try #require(error("date: 2026-11-25\ntitle: \(title)\ncategory: Các vấn đề chung\n"), "\(title)")
            #expect(found.line == 3, "\(title)")
            let vi = found.text.rendered(in: .vi)
            #expect(vi.hasPrefix("tiêu đề bắt đầu bằng một cụm trong dấu nháy"), "\(vi)")
            #expect(vi.contains("viết: \(fixed) [YAML:"), "\(vi)")
        }
    }

    @Test func aTitleStartingWithASignOfYAMLIsQuoted() throws {
        for (title, sign) in [("- Hội nghị", "-"), ("[Thông báo] Lịch tiếp dân", "["), ("@Sở thông báo", "@"), ("*Khẩn* lịch họp", "*")] {
            let found = try #require(error("title: \(title)\ndate: 2026-11-25\ncategory: Các vấn đề chung\n"), "\(title)")
            #expect(found.line == 2, "\(title)")
            #expect(found.text.rendered(in: .vi).hasPrefix("tiêu đề bắt đầu bằng dấu \"\(sign)\""), "\(found.text.rendered(in: .vi))")
            #expect(found.text.rendered(in: .vi).contains("title: '\(title)'"))
        }
    }

    /// libyaml blames the line after; the space is on the key's own line, whichever key and space it is.
    @Test func aSpaceFromWordAfterTheColonIsFoundOnItsOwnLine() throws {
        for space in ["\u{A0}", "\u{202F}", "\u{3000}", "\u{200B}"] {
            let found = try #require(error("title: Tin\ndate: 2026-11-25\ncategory:\(space)Các vấn đề chung\ntags: [a]\n"))
            #expect(found.line == 4)
            #expect(found.text.rendered(in: .vi).hasPrefix(
                "dòng 4 có dấu cách đặc biệt chép từ Word sau dấu hai chấm: xóa đi và gõ lại dấu cách"))
            #expect(found.text.rendered(in: .en).hasPrefix("line 4 has a special space pasted from Word after the colon"))
        }
        let indented = try #require(error("title: Tin\ndate: 2026-11-25\ncategory: Các vấn đề chung\ntags:\n\u{A0}\u{A0}- a\nauthor: B\n"))
        #expect(indented.line == 6)
        #expect(indented.text.rendered(in: .vi).hasPrefix("dòng 6 có dấu cách đặc biệt chép từ Word ở đầu dòng"))
    }

    @Test func aSpaceFromWordBeforeTheColonIsIgnoredWithAWarning() throws {
        let file = SourceFile(path: "content/articles/a.md",
                              text: "---\ntitle: Tin\ndate: 2026-11-25\ncategory\u{A0}: Các vấn đề chung\n---\nNội dung.\n")
        let (site, _, warnings) = try Fixtures.model(articleFiles: [file])
        #expect(site.articles.count == 1)
        #expect(warnings.contains { $0.line == 4 && $0.text.rendered(in: .vi).contains("dấu cách đặc biệt chép từ Word cạnh khóa \"category\"") })
    }

    @Test func aMissingSpaceOrColonIsToldAtItsLine() throws {
        let noSpace = try #require(error("title: Tin\ncategory:Các vấn đề chung\ndate: 2026-11-25\n"))
        #expect(noSpace.line == 3)
        #expect(noSpace.text.rendered(in: .vi).hasPrefix("sau dấu hai chấm của \"category\" cần một dấu cách, viết: category: Các vấn đề chung"))
        let noColon = try #require(error("title: Tin\ncategory Các vấn đề chung\ndate: 2026-11-25\n"))
        #expect(noColon.line == 3)
        #expect(noColon.text.rendered(in: .vi).hasPrefix("dòng 3 không có dạng \"khóa: giá trị\""))
    }

    @Test func anIndentedKeyIsToldToStartAtTheMargin() throws {
        let found = try #require(error("title: Tin\n  category: Các vấn đề chung\ndate: 2026-11-25\n"))
        #expect(found.line == 3)
        #expect(found.text.rendered(in: .vi).hasPrefix("\"category:\" bị thụt lề vào trong"))
    }

    /// The same words for site.yml and album.yml: they are read by the same reader.
    @Test func siteYMLMistakesAreToldTheSameWay() throws {
        let site = SourceFile(path: "content/site.yml", text: "title: Sở Lao động: Thương binh và Xã hội\nbase_url: https://example.gov.vn/\n")
        let (_, problems) = SiteConfig.parse(site)
        #expect(problems.first?.line == 1)
        #expect(problems.first?.text.rendered(in: .vi).hasPrefix("tiêu đề có dấu hai chấm") == true)
    }

    @Test func anUnclosedQuoteOrBracketIsToldAtTheLineItOpens() throws {
        let quote = try #require(error("title: \"Hội nghị tổng kết\ndate: 2026-11-25\ncategory: Các vấn đề chung\n"))
        #expect(quote.line == 2)
        #expect(quote.text.rendered(in: .vi).hasPrefix("dấu nháy \" mở ở dòng 2 chưa được đóng"))
        let bracket = try #require(error("title: Tin\ntags: [a, b\ndate: 2026-11-25\ncategory: Các vấn đề chung\n"))
        #expect(bracket.line == 3)
        #expect(bracket.text.rendered(in: .vi).hasPrefix("dấu \"[\" mở ở dòng 3 chưa được đóng: hãy thêm \"]\""))
    }

    @Test func aColonInAListEntryAsksToQuoteTheEntry() throws {
        let found = try #require(error("title: Tin\ndate: 2026-11-25\ncategory: Các vấn đề chung\ntags:\n  - thi đua\n  - Hội nghị: tổng kết\n"))
        #expect(found.line == 7)
        #expect(found.text.rendered(in: .vi) == "một dòng của \"tags\" có dấu hai chấm: hãy đặt cả dòng đó trong dấu nháy đơn, viết: - 'Hội nghị: tổng kết'")
    }

    @Test func aColonInAnAlbumCaptionIsToldAtItsLine() throws {
        let (_, problems) = YAMLFields.parse("title: Album\nphotos:\n  - file: a.jpg\n    caption: Đồng chí A: phát biểu\n",
                                             file: "content/albums/hoi-nghi/album.yml")
        #expect(problems.first?.line == 4)
        #expect(problems.first?.text.rendered(in: .vi).hasPrefix("giá trị của \"caption\" có dấu hai chấm") == true)
    }

    @Test func otherMistakesKeepLibyamlsWordsAfterBantins() throws {
        let found = try #require(error("title: Tin\n- a\ndate: 2026-11-25\ncategory: Các vấn đề chung\n"))
        #expect(found.text.rendered(in: .vi).hasPrefix("YAML không đọc được cách viết ở đây"))
        #expect(found.text.rendered(in: .vi).contains("[YAML: "))
    }
}
