import Testing
@testable import BanTinKit

@Suite struct SlugTests {
    @Test func seedTitleGivesTheExpectedSlug() {
        let title = "Kế hoạch thực hiện công tác dân vận và phát động phong trào thi đua \"Dân vận khéo\" năm 2018"
        #expect(Slug.make(title) == "ke-hoach-thuc-hien-cong-tac-dan-van-va-phat-dong-phong-trao-thi-dua-dan-van-kheo-nam-2018")
    }

    @Test func dStrokeBecomesD() {
        #expect(Slug.make("Đảng ủy Sở – Đoàn thanh niên") == "dang-uy-so-doan-thanh-nien")
        #expect(Slug.make("đường") == "duong")
    }

    @Test func composedTextIsRecognisedWithoutTheNormaliserAndOtherTextIsComposed() {
        let composed = "Kế hoạch số 03-KH/ĐUS “dân vận khéo” – 1.200.000₫ … ÀÉỸ ăơư"
        #expect(Composed.isSurelyNFC(composed))
        #expect(Composed.nfc(composed) == composed)
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(!Composed.isSurelyNFC(decomposed))
        #expect(Array(Composed.nfc(decomposed).unicodeScalars) == Array(composed.unicodeScalars))
        #expect(!Composed.isSurelyNFC("\u{2126}"), "the ohm sign is replaced by omega in NFC")
        #expect(Array(Composed.nfc("\u{2126}").unicodeScalars) == ["\u{03A9}"])
        #expect(!Composed.isSurelyNFC("e\u{0301}"))
    }

    @Test func decomposedInputGivesTheSameSlugAsComposed() {
        let composed = "Giáo dục nghề nghiệp Đồng Tháp"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(composed.unicodeScalars.count != decomposed.unicodeScalars.count)
        #expect(Slug.make(decomposed) == Slug.make(composed))
        #expect(Slug.make(decomposed) == "giao-duc-nghe-nghiep-dong-thap")
    }

    @Test func punctuationRunsCollapseAndEdgesAreTrimmed() {
        #expect(Slug.make("  --Thông báo!!! (số 12/TB)...  ") == "thong-bao-so-12-tb")
        #expect(Slug.make("!!!") == "")
    }

    @Test func longTitlesAreCutAtADashWithinOneHundredCharacters() {
        let title = String(repeating: "phát triển bền vững ", count: 12)
        let slug = Slug.make(title)
        #expect(slug.count <= 100)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.hasPrefix("phat-trien-ben-vung-phat-trien"))
        #expect(slug.hasSuffix("vung") || slug.hasSuffix("trien") || slug.hasSuffix("ben") || slug.hasSuffix("phat"))
    }

    @Test func twoArticlesWithOneSlugIsAnErrorNamingBothFiles() {
        let first = Fixtures.article("a", title: "Hội nghị cán bộ")
        let second = Fixtures.article("b", title: "Hội nghị Cán bộ!")
        let errors = Fixtures.failure([first, second])
        #expect(errors.count == 1)
        #expect(errors[0].file == "content/articles/b.md")
        #expect(errors[0].message.contains("content/articles/a.md"))
        #expect(errors[0].message.contains("hoi-nghi-can-bo"))
    }

    /// The same title pasted once from Word (NFC) and once from a Mac (NFD) is one article, not two.
    @Test func nfcAndNfdCopiesOfOneTitleAreOneSlugAndNotTwoArticles() {
        let title = "Hội nghị tổng kết công tác dân vận"
        let errors = Fixtures.failure([Fixtures.article("a", title: title),
                                       Fixtures.article("b", title: title.decomposedStringWithCanonicalMapping)])
        #expect(errors.map(\.description) == [
            "content/articles/b.md:2: error: slug \"hoi-nghi-tong-ket-cong-tac-dan-van\" is already used by content/articles/a.md; "
                + "two articles cannot share /tin/hoi-nghi-tong-ket-cong-tac-dan-van/: give one a different title or a \"slug:\"",
        ])
    }

    @Test func nfdAndNfcTitlesOfOneArticleLandOnTheSamePage() throws {
        let title = "Đảng ủy Sở triển khai nhiệm vụ"
        let files = try Fixtures.build([Fixtures.article("nfd", title: title.decomposedStringWithCanonicalMapping)])
        let page = try #require(files["tin/dang-uy-so-trien-khai-nhiem-vu/index.html"])
        #expect(page.contains("<h1>\(title)</h1>"))
        // contains() compares canonically; the bytes must be NFC too, for search, feeds and other tools.
        #expect(!page.unicodeScalars.contains { (0x300...0x36F).contains($0.value) }, "the page keeps decomposed accents")
    }
}
