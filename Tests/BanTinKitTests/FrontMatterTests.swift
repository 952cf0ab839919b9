import Foundation
import Testing
@testable import BanTinKit

@Suite struct FrontMatterTests {
    @Test func missingTitleDateAndCategoryAreEachReportedWithFileAndLine() {
        let file = SourceFile(path: "content/articles/x.md", text: "---\nauthor: H. Nhi\n---\nBody\n")
        let errors = Fixtures.failure([file])
        let messages = errors.map(\.description)
        #expect(messages.contains { $0.hasPrefix("content/articles/x.md:2: error:") && $0.contains("\"title\" is required") })
        #expect(messages.contains { $0.contains("\"date\" is required") })
        #expect(messages.contains { $0.contains("\"category\" is required") })
    }

    @Test func badYAMLNamesTheLineInTheFile() {
        let file = SourceFile(path: "content/articles/bad.md", text: "---\ntitle: \"Tin\"\ndate: 2026-11-25\ncategory: [Các vấn đề\n---\nBody")
        let errors = Fixtures.failure([file])
        #expect(errors.count == 1)
        #expect(errors[0].file == "content/articles/bad.md")
        #expect(errors[0].line == 4)
        #expect(errors[0].message.hasPrefix("the \"[\" opened on line 4 is never closed"))
    }

    @Test func errorsFromManyFilesComeInOneRun() {
        let one = SourceFile(path: "content/articles/1.md", text: "---\ntitle: A\n---\n")
        let two = Fixtures.article("2", title: "B", category: "Không có")
        let three = Fixtures.article("3", title: "C", date: "25/11/2026")
        let files = Set(Fixtures.failure([one, two, three]).map(\.file))
        #expect(files == ["content/articles/1.md", "content/articles/2.md", "content/articles/3.md"])
    }

    /// A field error does not hide the file's other problems: one run names them all.
    @Test func aBadDateDoesNotHideAnUnknownCategoryOrABadAddress() {
        let file = Fixtures.article("a", title: "Tin", date: "hôm qua", category: "Thể thao",
                                    extra: "image: ../bi-mat.jpg")
        let errors = Fixtures.failure([file]).map(\.description)
        #expect(errors.contains { $0.contains(":3: error:") && $0.contains("\"date\"") }, "\(errors)")
        #expect(errors.contains { $0.contains(":4: error:") && $0.contains("unknown category \"Thể thao\"") }, "\(errors)")
        #expect(errors.contains { $0.contains("\"image\"") }, "\(errors)")
        #expect(errors.count == 3, "\(errors)")
        // A category that is missing is said once, as missing, not also as unknown.
        let missing = SourceFile(path: "content/articles/m.md", text: "---\ntitle: Tin\ndate: hôm qua\n---\nBody\n")
        let said = Fixtures.failure([missing]).map(\.description)
        #expect(said.count == 2 && !said.contains { $0.contains("unknown category") }, "\(said)")
    }

    @Test func unknownCategoryListsTheKnownOnes() {
        let errors = Fixtures.failure([Fixtures.article("a", title: "Tin", category: "Thể thao")])
        #expect(errors.count == 1)
        #expect(errors[0].line == 4)
        #expect(errors[0].message.contains("unknown category \"Thể thao\""))
        #expect(errors[0].message.contains("\"Các vấn đề chung\" (cac-van-de-chung)"))
        #expect(errors[0].message.contains("\"Giáo dục nghề nghiệp\" (giao-duc-nghe-nghiep)"))
    }

    @Test func categoryMatchesBySlugCapitalsAndMissingAccents() throws {
        let decomposed = "Các vấn đề chung".decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count > "Các vấn đề chung".unicodeScalars.count)
        for reference in ["cac-van-de-chung", "các vấn đề chung", "CÁC VẤN ĐỀ CHUNG", "Cac van de chung", decomposed,
                          "CÁC VẤN ĐỀ CHUNG".decomposedStringWithCanonicalMapping] {
            let files = try Fixtures.build([Fixtures.article("a", title: "Tin", category: reference)])
            #expect(files["tin/tin/index.html"]?.contains("Chuyên mục - Các vấn đề chung") == true)
        }
    }

    @Test func unknownKeyWarnsWithLineAndNearestKnownKey() throws {
        let file = SourceFile(path: "content/articles/w.md", text: "---\ntitle: Tin\ndate: 2026-11-25\ncategroy: x\ncategory: Các vấn đề chung\n---\n")
        let (_, _, warnings) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: [file], pageFiles: [], options: Fixtures.options)
        #expect(warnings.map(\.description) == ["content/articles/w.md:4: warning: unknown key \"categroy\" in front matter; did you mean \"category\"?"])
    }

    @Test func dayFirstDateSaysWhichFormatIsExpected() {
        let errors = Fixtures.failure([Fixtures.article("d", title: "Tin", date: "25/11/2026")])
        #expect(errors.count == 1)
        #expect(errors[0].line == 3)
        #expect(errors[0].message.contains("year-month-day"))
        #expect(errors[0].message.contains("2026-11-25"))
    }

    /// The hint rewrites the editor's own date; a date that cannot be read either way gets the formats only.
    @Test(arguments: [("25/11/2026", "2026-11-25"), ("3/4/2026", "2026-04-03"), ("2026/11/25", "2026-11-25"),
                      ("25.11.2026 08:30", "2026-11-25 08:30"), ("11/25/2026", nil), ("hôm nay", nil)])
    func unreadableDateIsRewrittenInTheExpectedFormat(_ typed: String, _ suggestion: String?) {
        let errors = Fixtures.failure([Fixtures.article("d", title: "Tin", date: typed)]).map(\.description)
        let expected = "content/articles/d.md:3: error: \"date\": date \"\(typed)\" is not in a known format; write "
            + "year-month-day, as 2026-11-25, with a time if needed: 2026-11-25 08:30 or 2026-11-25 08:30:00 "
            + "(with a time zone if needed: 2026-11-25T08:30:00+07:00)" + (suggestion.map { " (write \(typed) as \($0))" } ?? "")
        #expect(errors == [expected])
    }

    @Test func missingClosingFenceNamesTheOpeningLine() {
        let errors = Fixtures.failure([SourceFile(path: "content/articles/f.md", text: "\n---\ntitle: Tin\nBody")])
        #expect(errors.map(\.description) == ["content/articles/f.md:2: error: front matter opened with \"---\" on line 2 is never closed with a \"---\" line"])
    }

    @Test func fileWithoutFrontMatterIsAnError() {
        let errors = Fixtures.failure([SourceFile(path: "content/articles/e.md", text: "")])
        #expect(errors.count == 1)
        #expect(errors[0].message.contains("no front matter"))
    }

    @Test func duplicateKeyIsAnErrorOnTheLineThatRepeatsIt() {
        let file = SourceFile(path: "content/articles/k.md", text: "---\ntitle: A\ndate: 2026-11-25\n\"title\" : B\ncategory: Các vấn đề chung\n---\n")
        #expect(Fixtures.failure([file]).map(\.description) == [
            "content/articles/k.md:4: error: duplicate key \"title\" (first on line 2): each key may appear once",
        ])
    }

    @Test func duplicateKeyOnOneLineNamesThatLine() {
        let file = SourceFile(path: "content/articles/k.md", text: "---\n{title: A, date: 2026-11-25, title: B}\n---\n")
        #expect(Fixtures.failure([file]).map(\.description) == ["content/articles/k.md:2: error: duplicate key \"title\": each key may appear once"])
    }

    @Test func duplicateKeyInsideAListEntryIsFoundToo() {
        let site = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML + "\n    name: \"Lần hai\"")
        let errors = Fixtures.failure([], site: site).map(\.description)
        #expect(errors == ["content/site.yml:9: error: duplicate key \"name\" (first on line 7): each key may appear once"])
    }

    @Test func tabIndentationIsExplained() {
        let file = SourceFile(path: "content/articles/t.md", text: "---\ntitle: A\ntags:\n\t- x\n---\n")
        let errors = Fixtures.failure([file])
        #expect(errors.count == 1)
        #expect(errors[0].line == 4)
        #expect(errors[0].message.contains("tab"))
    }

    @Test func windowsLineEndingsBOMAndFenceSpacesAreAccepted() throws {
        let text = "\u{FEFF}---  \r\ntitle: \"Tin Windows\"\r\ndate: 2026-11-25\r\ncategory: Các vấn đề chung\r\n--- \r\nNội dung **đậm**.\r\n"
        let file = try SourceFile.decode(Data(text.utf8), path: "content/articles/win.md")
        let files = try Fixtures.build([file])
        #expect(files["tin/tin-windows/index.html"]?.contains("<p>Nội dung <strong>đậm</strong>.</p>") == true)
    }

    @Test func legacyEncodingIsRefusedWithTheLineOfTheFirstBadByte() {
        // "Tin tức" with "ứ" written as a single Windows-1258-style byte 0xF9 on line 3.
        var bytes = Array("---\ntitle: A\nbody: Tin t".utf8)
        bytes.append(0xF9)
        bytes += Array("c\n---\n".utf8)
        #expect(throws: BuildFailure.self) { try SourceFile.decode(Data(bytes), path: "content/articles/legacy.md") }
        do {
            _ = try SourceFile.decode(Data(bytes), path: "content/articles/legacy.md")
        } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("content/articles/legacy.md:3: error: file is not UTF-8 (byte 0xF9)") == true)
        }
    }

    /// Vietnamese typed in the encodings of old Windows tools (each title written one scalar per byte): refused
    /// at the first non-ASCII letter, also when plain text or the end of the line follows it.
    @Test(arguments: [
        ("Windows-1258 \"Việt Nam\"", "Vi\u{EA}\u{F2}t Nam", "EA"),
        ("Windows-1258 \"Hà\" at the end of its line", "Ha\u{CC}", "CC"),
        ("TCVN3 \"Hà Nội\"", "H\u{B5} N\u{E9}i", "B5"),
        ("TCVN3 \"Nội dung\"", "N\u{E9}i dung", "E9"),
        ("VNI \"Việt Nam\"", "Vie\u{E4}t Nam", "E4"),
    ])
    func legacyEncodingsAreRefusedAtTheirFirstLetter(_ encoding: String, _ title: String, _ byte: String) {
        let text = "---\ndate: 2026-11-25\ntitle: \(title)\ncategory: A\n---\nBody\n"
        let message = Self.refusal(text.unicodeScalars.map { UInt8($0.value) }, path: "content/articles/cu.md")
        #expect(message.hasPrefix("content/articles/cu.md:3: error: file is not UTF-8 (byte 0x\(byte)); it may be in a legacy encoding"),
                "\(encoding): \(message)")
    }

    /// The first diagnostic of a file `SourceFile.decode` refuses, or "" when it accepts it.
    static func refusal(_ bytes: [UInt8], path: String) -> String {
        do {
            _ = try SourceFile.decode(Data(bytes), path: path)
            return ""
        } catch {
            return error.diagnostics.first?.description ?? ""
        }
    }

    @Test func utf16FromNotepadIsNamedAsSuch() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "---\ntitle: Tin\n---\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let message = Self.refusal(bytes, path: "content/articles/u.md")
        #expect(message == "content/articles/u.md:1: error: file is UTF-16 (Notepad calls it \"Unicode\"), not UTF-8: save it as UTF-8 and build again")
    }

    @Test func datesAcceptOffsetsAndAssumeTheSiteZone() throws {
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let plain = try PublicationDate.parse("2026-11-25", timeZone: zone)
        let local = try PublicationDate.parse("2026-11-25 07:00", timeZone: zone)
        let utc = try PublicationDate.parse("2026-11-25T00:00:00Z", timeZone: zone)
        let offset = try PublicationDate.parse("2026-11-25T07:00:00+07:00", timeZone: zone)
        #expect(local == utc)
        #expect(offset == utc)
        #expect(local.timeIntervalSince(plain) == 7 * 3600)
        #expect(throws: PublicationDate.ParseError.self) { try PublicationDate.parse("2026-02-30", timeZone: zone) }
    }

    @Test func draftsAreHeldBackUnlessAsked() throws {
        let draft = Fixtures.article("d", title: "Bản nháp", extra: "draft: true")
        var options = Fixtures.options
        let (site, held, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: [draft], pageFiles: [], options: options)
        #expect(site.articles.isEmpty)
        #expect(held.drafts == 1)
        options.includeDrafts = true
        let (withDrafts, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: [draft], pageFiles: [], options: options)
        #expect(withDrafts.articles.map(\.slug) == ["ban-nhap"])
    }

    /// "Now" is 2026-11-25 12:00 UTC, 19:00 in the site's zone.
    @Test func scheduledAndExpiredArticlesAreHeldBackAndCounted() throws {
        let articles = [
            Fixtures.article("soon", title: "Sắp đăng", extra: "publishDate: 2026-11-25 20:00"),
            Fixtures.article("due", title: "Đến giờ đăng", extra: "publishDate: 2026-11-25 18:59"),
            Fixtures.article("gone", title: "Hết hạn", extra: "expiryDate: 2026-11-25"),
            Fixtures.article("later", title: "Còn hạn", extra: "expiryDate: 2026-11-26"),
            Fixtures.article("draft", title: "Nháp", extra: "draft: true"),
        ]
        let (site, held, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: articles, pageFiles: [], options: Fixtures.options)
        #expect(site.articles.map(\.slug).sorted() == ["con-han", "den-gio-dang"])
        #expect(held == HeldBack(drafts: 1, scheduled: 1, expired: 1))
        var report = Build.Report()
        report.articles = 2
        report.heldBack = held
        #expect(report.summary.contains("held back 3 (1 draft, 1 scheduled, 1 expired)"))
    }
}

@Suite struct MisspeltRequiredKeyTests {
    @Test func missingRequiredKeyPointsAtItsMisspeltTwin() {
        let file = SourceFile(path: "content/articles/m.md", text: "---\ntitle: Tin\ndate: 2026-11-25\ncategroy: Các vấn đề chung\n---\n")
        let errors = Fixtures.failure([file]).filter { $0.severity == .error }
        #expect(errors.map(\.description) == [
            "content/articles/m.md:4: error: \"category\" is required; \"categroy\" on this line looks like a misspelling of it",
        ])
    }
}

