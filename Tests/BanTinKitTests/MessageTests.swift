import BanTinServe
import Foundation
import Testing
import BanTinImages
@testable import BanTinKit

@Suite struct MessageCatalogueTests {
    @Test func everyMessageHasBothLanguagesWithTheSamePlaceholders() throws {
        let vietnamese = try MessageCatalogue.entries(.vi)
        let english = try MessageCatalogue.entries(.en)
        #expect(vietnamese.count > 150)
        #expect(Set(vietnamese.keys).subtracting(english.keys).sorted() == [])
        #expect(Set(english.keys).subtracting(vietnamese.keys).sorted() == [])
        for (key, text) in english {
            guard let other = vietnamese[key] else { continue }
            #expect(MessageCatalogue.placeholders(text) == MessageCatalogue.placeholders(other), "\(key)")
        }
    }

    /// A key written twice made the whole catalogue unreadable, every message falling back to English: each
    /// key is written once, named when it is not.
    @Test(arguments: ["vi", "en"])
    func everyKeyIsWrittenOnceInItsCatalogue(_ language: String) throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Sources/BanTinKit/Messages/\(language).yml")
        var seen: [String: Int] = [:]
        var twice: [String] = []
        for (number, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let colon = line.firstIndex(of: ":"), let first = line.first, first != " ", first != "#" else { continue }
            let key = String(line[..<colon])
            if let earlier = seen[key] { twice.append("\(key): lines \(earlier) and \(number + 1)") } else { seen[key] = number + 1 }
        }
        #expect(twice == [])
    }

    /// Every `Message("key"` written in the sources has its words (keys built at run time are listed apart).
    @Test func everyKeyTheSourcesUseIsInTheCatalogue() throws {
        let english = try MessageCatalogue.entries(.en)
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var used = Set<String>()
        let pattern = try Regex(#"Message\("([a-zA-Z]+\.[a-zA-Z.]+)""#)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) where match.output[1].substring?.hasSuffix(".") == false {
                used.insert(String(match.output[1].substring ?? ""))
            }
        }
        #expect(used.count > 100)
        #expect(used.subtracting(english.keys).sorted() == [])
        let runtime = ["severity.error", "severity.warning", "io.action.writing", "io.action.reading", "io.action.saving",
                       "io.action.creating_the_folder", "io.object.it", "io.object.the_site", "alias.control", "alias.hash"]
        #expect(Set(runtime).subtracting(english.keys).sorted() == [])
    }

    @Test func vietnameseNumbersHaveThousandsDotsAndADecimalComma() {
        #expect(Message.number(892_762, in: .vi) == "892.762")
        #expect(Message.number(1_000_000, in: .vi) == "1.000.000")
        #expect(Message.number(999, in: .vi) == "999")
        #expect(Message.number(892_762, in: .en) == "892762")
        #expect(Message.seconds(0.0912, in: .vi) == "0,09")
        #expect(Message.seconds(0.0912, in: .en) == "0.09")
    }

    @Test func englishPicksTheWordForOneOrMany() {
        #expect(Message("summary.warnings", ["count": 1]).rendered(in: .en) == "; 1 warning")
        #expect(Message("summary.warnings", ["count": 2]).rendered(in: .en) == "; 2 warnings")
        #expect(Message("summary.warnings", ["count": 2]).rendered(in: .vi) == "; 2 cảnh báo")
    }

    @Test func theLanguageIsTheOptionThenSiteFileThenEnvironmentThenVietnamese() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let english = folder.appendingPathComponent("en.yml")
        try "title: T\nmessages: en\n".writeReplacing(english)
        let plain = folder.appendingPathComponent("plain.yml")
        try "title: T\n".writeReplacing(plain)
        #expect(Language.resolve(option: nil, siteYML: plain, environment: [:]) == .vi)
        #expect(Language.resolve(option: nil, siteYML: plain, environment: ["LANG": "C.UTF-8"]) == .vi)
        #expect(Language.resolve(option: nil, siteYML: plain, environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.resolve(option: nil, siteYML: plain, environment: ["LANG": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"]) == .vi)
        #expect(Language.resolve(option: nil, siteYML: english, environment: ["LANG": "vi_VN.UTF-8"]) == .en)
        #expect(Language.resolve(option: "vi", siteYML: english, environment: ["LANG": "en_US.UTF-8"]) == .vi)
        #expect(Language.resolve(option: nil, siteYML: folder.appendingPathComponent("none.yml"), environment: [:]) == .vi)
    }
}

/// Each kind of problem the build and `bantin check` report, as the editor reads it (Vietnamese) and as an
/// operator's log has it (English): same place, same quoted values, only bantin's words change.
@Suite struct MessageRenderingTests {
    static func article(_ name: String, _ frontMatter: String, body: String = "Nội dung.\n") -> SourceFile {
        SourceFile(path: "content/articles/\(name).md", text: "---\n\(frontMatter)\n---\n\(body)")
    }

    static func buildProblems(_ files: [SourceFile]) -> [Diagnostic] {
        do {
            let (_, _, warnings) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: files, pageFiles: [], options: Fixtures.options)
            return warnings
        } catch {
            return error.diagnostics
        }
    }

    static func both(_ diagnostic: Diagnostic?) -> [String] {
        guard let diagnostic else { return [] }
        return [diagnostic.rendered(in: .vi), diagnostic.rendered(in: .en)]
    }

    @Test func unknownCategory() {
        let problem = Self.buildProblems([Self.article("tin-moi", "title: Tin\ndate: 2026-11-25\ncategory: Thể thao")]).first
        let lines = Self.both(problem)
        #expect(lines.first?.hasPrefix("content/articles/tin-moi.md:4: lỗi: chuyên mục \"Thể thao\" không có trong site.yml; các chuyên mục hiện có: \"Các vấn đề chung\" (cac-van-de-chung)") == true)
        #expect(lines.last?.hasPrefix("content/articles/tin-moi.md:4: error: unknown category \"Thể thao\"; known categories: \"Các vấn đề chung\" (cac-van-de-chung)") == true)
    }

    @Test func misspeltKey() {
        let problem = Self.buildProblems([Self.article("w", "title: Tin\ndate: 2026-11-25\ncategory: Các vấn đề chung\ncategroy: x")]).first
        #expect(Self.both(problem) == [
            "content/articles/w.md:5: cảnh báo: bantin không biết khóa \"categroy\" trong phần đầu bài; có phải bạn định viết \"category\"?",
            "content/articles/w.md:5: warning: unknown key \"categroy\" in front matter; did you mean \"category\"?",
        ])
    }

    @Test func missingRequiredField() {
        let problem = Self.buildProblems([Self.article("x", "date: 2026-11-25\ncategory: Các vấn đề chung")]).first
        #expect(Self.both(problem) == [
            "content/articles/x.md:2: lỗi: thiếu \"title\": khóa này bắt buộc",
            "content/articles/x.md:2: error: \"title\" is required",
        ])
    }

    /// A damaged photo is explained in Vietnamese; libvips' own words only follow in brackets.
    @Test func damagedPhoto() {
        let problem = ImageProblem(path: "content/images/hong.jpg", kind: .damaged, message: "the image is damaged or cut short",
                                   detail: "VipsJpeg: Premature end of JPEG file")
        let vi = ImageCatalog.message(for: problem).rendered(in: .vi)
        #expect(vi == "ảnh bị hỏng hoặc không trọn vẹn nên không đọc hết được: hãy mở ảnh trên máy đã chụp hay đã gửi nó, rồi lưu (xuất) lại [VipsJpeg: Premature end of JPEG file]")
        #expect(!vi.contains("the image"))
        let big = ImageProblem(path: "x.jpg", kind: .tooManyPixels, message: "",
                               reason: .tooManyPixels(width: 12000, height: 9000, megapixels: 108, limit: 50))
        #expect(ImageCatalog.message(for: big).rendered(in: .vi).hasPrefix("ảnh có 12.000 × 9.000 điểm ảnh (108 triệu), nhiều hơn mức 50 triệu cho phép"))
    }

    @Test func dayFirstDate() {
        let problem = Self.buildProblems([Self.article("d", "title: Tin\ndate: 25/11/2026\ncategory: Các vấn đề chung")]).first
        let lines = Self.both(problem)
        #expect(lines.first?.hasPrefix("content/articles/d.md:3: lỗi: \"date\": ngày \"25/11/2026\" không đúng cách viết; hãy viết năm-tháng-ngày, như 2026-11-25, có thể thêm giờ: 2026-11-25 08:30 hoặc") == true)
        #expect(lines.first?.contains(" or ") == false)
        #expect(lines.first?.hasSuffix("(viết 25/11/2026 thành 2026-11-25)") == true)
        #expect(lines.last?.hasPrefix("content/articles/d.md:3: error: \"date\": date \"25/11/2026\" is not in a known format; write year-month-day, as 2026-11-25") == true)
    }

    @Test func frontMatterNeverClosed() {
        let file = SourceFile(path: "content/articles/f.md", text: "---\ntitle: Tin\nNội dung\n")
        #expect(Self.both(Self.buildProblems([file]).first) == [
            "content/articles/f.md:1: lỗi: phần đầu bài mở bằng \"---\" ở dòng 1 nhưng chưa có dòng \"---\" để đóng lại",
            "content/articles/f.md:1: error: front matter opened with \"---\" on line 1 is never closed with a \"---\" line",
        ])
    }

    @Test func duplicateKey() {
        let problem = Self.buildProblems([Self.article("k", "title: Tin\ndate: 2026-11-25\ntitle: Lại\ncategory: Các vấn đề chung")]).first
        #expect(Self.both(problem) == [
            "content/articles/k.md:4: lỗi: khóa \"title\" bị viết hai lần (lần đầu ở dòng 2): mỗi khóa chỉ được viết một lần, hãy xóa bớt",
            "content/articles/k.md:4: error: duplicate key \"title\" (first on line 2): each key may appear once",
        ])
    }

    @Test func slugTakenTwice() {
        let problems = Self.buildProblems([Self.article("a", "title: Hội nghị\ndate: 2026-11-25\ncategory: Các vấn đề chung"),
                                           Self.article("b", "title: Hội nghị\ndate: 2026-11-26\ncategory: Các vấn đề chung")])
        #expect(Self.both(problems.first) == [
            "content/articles/b.md:2: lỗi: tên địa chỉ \"hoi-nghi\" đã được dùng cho content/articles/a.md; hai bài viết không thể cùng địa chỉ /tin/hoi-nghi/: hãy đổi tiêu đề một bài hoặc thêm \"slug:\" khác",
            "content/articles/b.md:2: error: slug \"hoi-nghi\" is already used by content/articles/a.md; two articles cannot share /tin/hoi-nghi/: give one a different title or a \"slug:\"",
        ])
    }

    @Test func fileInALegacyEncoding() {
        var bytes = Array("---\ntitle: Tin\n".utf8)
        bytes.append(0xF9)
        do {
            _ = try SourceFile.decode(Data(bytes), path: "content/articles/cu.md")
            Issue.record("decoded")
        } catch {
            #expect(Self.both(error.diagnostics.first) == [
                "content/articles/cu.md:3: lỗi: tệp không phải UTF-8 (byte 0xF9); có thể tệp dùng bảng mã cũ như Windows-1258, TCVN3 hay VNI: hãy lưu lại tệp với bảng mã UTF-8 rồi dựng lại",
                "content/articles/cu.md:3: error: file is not UTF-8 (byte 0xF9); it may be in a legacy encoding such as Windows-1258, TCVN3 or VNI: save it as UTF-8 and build again",
            ])
        }
    }

    @Test func checkFindsABrokenLinkAMissingImageAFileThatIsNotAPhotoAndAnEmptyCategory() {
        let site = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML + "\ncheck:\n  max_image_kb: 100\n")
        let file = Self.article("hong", "title: Tin\ndate: 2026-11-25\ncategory: Các vấn đề chung",
                                body: "Xem [bài](/tin/khong-co/).\n\n![Ảnh](/images/mat.png)\n")
        let notAPhoto = ImageProblem(path: "content/images/lon.jpg", kind: .notAnImage, message: "the file holds text")
        let problems = ContentCheck.run(.init(siteFile: site, articleFiles: [file], images: ["lon.jpg": 300 * 1024],
                                              imageHeaders: ["lon.jpg": .failure(notAPhoto)]), now: Fixtures.options.now)
        let vietnamese = problems.map { $0.rendered(in: .vi) }
        let english = problems.map { $0.rendered(in: .en) }
        #expect(vietnamese.contains("content/articles/hong.md:6: lỗi: liên kết tới \"/tin/khong-co/\": không có bài viết nào có tên địa chỉ \"khong-co\""))
        #expect(english.contains("content/articles/hong.md:6: error: link to \"/tin/khong-co/\": there is no article with the slug \"khong-co\""))
        #expect(vietnamese.contains("content/articles/hong.md:8: lỗi: ảnh \"/images/mat.png\" không tồn tại: không có tệp này trong content/images/"))
        #expect(english.contains("content/articles/hong.md:8: error: image \"/images/mat.png\" does not exist: there is no such file in content/images/"))
        #expect(vietnamese.contains { $0.hasPrefix("content/images/lon.jpg:1: lỗi: tệp này không phải là ảnh: nội dung của nó không phải JPEG") })
        #expect(english.contains { $0.hasPrefix("content/images/lon.jpg:1: error: this file is not a picture: its bytes are not JPEG") })
        #expect(vietnamese.contains { $0.hasSuffix("cảnh báo: \"max_image_kb\" không còn được dùng: bantin tự thu nhỏ và nén ảnh; hãy xóa dòng này") })
        #expect(english.contains { $0.hasSuffix("warning: \"max_image_kb\" is no longer used: bantin resizes and compresses photos itself; remove the line") })
        #expect(vietnamese.contains { $0.contains("cảnh báo: chuyên mục \"Giáo dục nghề nghiệp\" (giao-duc-nghe-nghiep) chưa có bài nào được đăng: trang chuyên mục sẽ trống") })
        #expect(english.contains { $0.contains("warning: category \"Giáo dục nghề nghiệp\" (giao-duc-nghe-nghiep) has no published articles: its page is empty") })
    }

    @Test func templateUsingAPartialThatIsNotThere() {
        let page = SourceFile(path: "templates/article.mustache", text: "<main>\n{{> chan-trang}}\n</main>")
        do {
            _ = try TemplateSet(sources: ["article": page], required: ["article"])
            Issue.record("compiled")
        } catch {
            #expect(Self.both(error.diagnostics.first) == [
                "templates/article.mustache:2: lỗi: mẫu \"article\" dùng mẫu con \"chan-trang\", nhưng không có tệp chan-trang.mustache",
                "templates/article.mustache:2: error: template \"article\" uses partial \"chan-trang\", but there is no file chan-trang.mustache",
            ])
        }
    }

    @Test func theSummaryLineInBothLanguages() {
        var report = Build.Report()
        report.articles = 28
        report.staticPages = 2
        report.filesWritten = 171
        report.seconds = 0.0912
        #expect(report.summary(in: .vi) == "đã dựng 28 bài viết, 2 trang: 171 tệp trong 0,09 giây")
        #expect(report.summary(in: .en) == "built 28 articles, 2 pages: 171 files in 0.09 s")
        report.filesWritten = 3
        report.filesUnchanged = 1_168
        report.heldBack.drafts = 1
        report.warnings = [.warning("content/site.yml", Message("counter.noLogs"))]
        #expect(report.summary(in: .vi) == "đã dựng 28 bài viết, 2 trang: ghi 3 tệp, giữ nguyên 1.168 tệp, xóa 0 tệp trong 0,09 giây; chưa đăng 1 bài (1 bản nháp); 1 cảnh báo")
        #expect(report.summary(in: .en) == "built 28 articles, 2 pages: 3 files written, 1168 unchanged, 0 removed in 0.09 s; held back 1 (1 draft); 1 warning")
    }

    @Test func theErrorPageOfServeIsInVietnamese() {
        let problems = [Diagnostic.error("content/articles/tin-moi.md", line: 4, Message("category.unknown", ["name": "Thể thao", "known": "\"Các vấn đề chung\" (cac-van-de-chung)"]))]
        let page = ErrorPage.html(problems)
        #expect(page.contains("<html lang=\"vi\">"))
        #expect(page.contains("<title>bantin: chưa dựng được bản xem trước</title>"))
        #expect(page.contains("<h1>Chưa dựng được bản xem trước</h1>"))
        #expect(page.contains("<p>Hãy sửa các tệp dưới đây rồi lưu lại: trang này sẽ tự tải lại.</p>"))
        #expect(page.contains("<li class=\"error\"><code>content/articles/tin-moi.md:4: lỗi: chuyên mục &quot;Thể thao&quot; không có trong site.yml; các chuyên mục hiện có: &quot;Các vấn đề chung&quot; (cac-van-de-chung)</code></li>"))
        #expect(ErrorPage.html(problems, language: .en).contains("<h1>The site could not be built</h1>"))
    }
}

/// The program itself, as an editor runs it: Vietnamese with no setting at all, English when asked.
@Suite struct CommandLanguageTests {
    static func check(_ arguments: [String], environment: [String: String]) throws -> (output: String, errors: String) {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        try "---\ntitle: Tin mới\ndate: 2026-11-25\ncategory: Thể thao\n---\nNội dung.\n"
            .writeReplacing(content.appendingPathComponent("articles/tin-moi.md"))
        let process = Process()
        process.executableURL = binary
        process.arguments = ["check", "--content", content.path,
                             "--templates", Fixtures.repositoryRoot.appendingPathComponent("templates").path] + arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        return (text, problems)
    }

    @Test func checkSpeaksVietnameseByDefaultAndEnglishWhenAsked() throws {
        let vietnamese = try Self.check([], environment: ["LANG": "C.UTF-8"])
        #expect(vietnamese.output.contains("/articles/tin-moi.md:4: lỗi: chuyên mục \"Thể thao\" không có trong site.yml; các chuyên mục hiện có:"))
        #expect(vietnamese.errors.contains("đã kiểm tra 1 bài viết, 0 trang: 1 lỗi,"))
        let english = try Self.check(["--lang", "en"], environment: [:])
        #expect(english.output.contains("/articles/tin-moi.md:4: error: unknown category \"Thể thao\"; known categories:"))
        #expect(english.errors.contains("checked 1 articles, 0 pages: 1 error,"))
        let fromLocale = try Self.check([], environment: ["LANG": "en_US.UTF-8"])
        #expect(fromLocale.output.contains(": error: unknown category"))
    }
}
