import Foundation
import Testing
@testable import BanTinKit

/// Search folding and the static index (SearchIndex, SearchTerms).
struct SearchTests {
    /// The list the JavaScript check (scripts/check-search-fold.js) reads too.
    static let foldWords: [(word: String, folded: String)] = {
        let url = Fixtures.repositoryRoot.appendingPathComponent("scripts/fold-words.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t")
            guard !line.hasPrefix("#"), parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }()

    @Test func vietnameseWordsFoldWithoutAccentsAndWithDToD() {
        #expect(Self.foldWords.count >= 20)
        for (word, folded) in Self.foldWords {
            #expect(Slug.fold(word) == folded, "\(word)")
        }
        #expect(Slug.fold("được") == "duoc")
        #expect(Slug.fold("Đảng") == "dang")
        #expect(Slug.fold("D\u{1B0}\u{323}\u{301}o\u{31B}c") == Slug.fold("dược".decomposedStringWithCanonicalMapping))
        #expect(SearchTerms.terms(in: "DÂN VẬN") == SearchTerms.terms(in: "Dân vận"))
    }

    @Test func termsAreRunsOfFoldedLettersAndDigits() {
        #expect(SearchTerms.terms(in: "Kế hoạch số 03-KH/ĐUS: “Dân vận khéo”!") == ["ke", "hoach", "so", "03", "kh", "dus", "dan", "van", "kheo"])
        #expect(SearchTerms.terms(in: String(repeating: "a", count: 41) + " b") == ["b"])
    }

    /// The numbers scripts/check-search-fold.js prints for search.js.
    @Test func bucketsMatchTheScript() {
        #expect(SearchTerms.bucket(of: "duoc", count: 64) == 12)
        #expect(SearchTerms.bucket(of: "dan", count: 1024) == 40)
        #expect(SearchTerms.bucket(of: "2018", count: 7) == 4)
    }

    @Test func indexFindsAccentlessQueriesAndKeepsEachArticlesSpellings() throws {
        let files = try Fixtures.build([
            Fixtures.article("a", title: "Phong trào Dân vận khéo", date: "2026-11-20", body: "Nội dung về thi đua."),
            Fixtures.article("b", title: "Tổng kết năm", date: "2026-11-21", body: "Được biểu dương trong phong trào dân vận."),
            Fixtures.article("c", title: "Tin khác", date: "2026-11-22", body: "Không liên quan."),
        ])
        let index = try SearchIndexReader(files)
        #expect(index.count == 3)
        // Ids are newest first: c = 0, b = 1, a = 2.
        #expect(index.term("dan")?.ids == [1, 2])
        #expect(index.term("dan")?.spellings == ["dân"])
        #expect(index.term("duoc")?.ids == [1])
        #expect(index.term("duoc")?.spellings == ["được"])
        #expect(index.term("được") == nil, "terms are folded; spellings are kept beside them")
        #expect(index.pair("dan van") == [2], "neighbouring words of the title are pairs")
        #expect(index.pair("van kheo") == [2])
        #expect(index.pair("ve thi") == nil, "nor of the summary or body: they were a quarter of the index")
        let row = try #require(index.row(2))
        #expect(row[0] as? String == "Phong trào Dân vận khéo")
        #expect(row[1] as? String == "/tin/phong-trao-dan-van-kheo/")
        #expect(row[2] as? String == "20/11/2026")
        #expect(index.categories[row[4] as? Int ?? -1].first == "Các vấn đề chung")
        #expect(row[5] as? String == "Nội dung về thi đua.")
    }

    @Test func eachArticleSaysWhichSpellingsItUsesSoTypedMarksCanRankFirst() throws {
        let files = try Fixtures.build([
            Fixtures.article("a", title: "Bình đẳng giới", date: "2026-11-20", body: "Vì bình đẳng giới."),
            Fixtures.article("b", title: "Đại hội", date: "2026-11-21", body: "Đảng bộ đang chuẩn bị, đảng viên đang học."),
        ])
        let index = try SearchIndexReader(files)
        let dang = try #require(index.term("dang"))
        // "đang" is in b twice and "đẳng" in a: b = 0, a = 1.
        #expect(Set(dang.spellings) == ["đang", "đảng", "đẳng"])
        func uses(_ id: Int, _ spelling: String) -> Bool {
            let bit = dang.spellings.firstIndex(of: spelling)!
            return dang.masks[dang.ids.firstIndex(of: id)!] & (1 << bit) != 0
        }
        #expect(uses(0, "đang") && uses(0, "đảng") && !uses(0, "đẳng"))
        #expect(uses(1, "đẳng") && !uses(1, "đang"))
    }

    /// Postings keep a term's first 63 spellings as bits; the rest are kept beside them, and still count.
    @Test func spellingsPastTheSixtyThirdOfAWordAreStillRankedAndMarked() throws {
        let vowels = ["u", "ú", "ù", "ủ", "ũ", "ụ", "ư", "ứ", "ừ", "ử", "ữ", "ự"]
        let spellings = ["d", "đ"].flatMap { first in ["o", "ơ", "ô"].flatMap { last in vowels.map { first + $0 + last } } }
        #expect(spellings.count == 72 && Set(spellings.map(Slug.fold)) == ["duo"])
        let common = Array(spellings.suffix(12))
        // The newest article (id 0) brings every spelling, in order: the common ones come last, past the 63rd.
        let files = try Fixtures.build([Fixtures.article("a", title: "Tất cả", date: "2026-11-26", body: spellings.joined(separator: " "))]
            + (1...5).map { Fixtures.article("b\($0)", title: "Tin \($0)", date: "2026-11-2\($0)", body: common.joined(separator: " ")) })
        let duo = try #require(SearchIndexReader(files).term("duo"))
        #expect(duo.ids == Array(0...5))
        #expect(Set(duo.spellings) == Set(common), "used by six articles each, the others by one")
        #expect(duo.masks.allSatisfy { $0 == (1 << 12) - 1 })
    }

    @Test func aTitleWordWeighsMoreThanTheSameWordOnceInALongBody() throws {
        let filler = (0..<60).map { "câu\($0)" }.joined(separator: " ")
        let files = try Fixtures.build([
            Fixtures.article("a", title: "Dạy bơi cho trẻ", date: "2026-11-20", body: filler),
            Fixtures.article("b", title: "Tin hè", date: "2026-11-21", body: filler + " dạy bơi."),
        ] + (1...3).map { Fixtures.article("c\($0)", title: "Tin \($0)", date: "2026-11-1\($0)", body: "Không liên quan.") })
        let boi = try #require(SearchIndexReader(files).term("boi"))
        #expect(boi.ids == [0, 1])
        #expect(boi.weights[1] > boi.weights[0])
        #expect(boi.weights.allSatisfy { (1...7).contains($0) })
    }

    /// BM25's idf is next to nothing for a word in more than half the articles: its counts would only add bytes.
    @Test func aWordInMoreThanHalfTheArticlesKeepsNoCount() throws {
        let files = try Fixtures.build([
            Fixtures.article("a", title: "Thi đua thi đua", date: "2026-11-20", body: "Thi đua, thi đua, lao động."),
            Fixtures.article("b", title: "Tổng kết", date: "2026-11-21", body: "Phong trào thi đua và lao động."),
            Fixtures.article("c", title: "Tin khác", date: "2026-11-22", body: "Thi đua."),
            Fixtures.article("d", title: "Tin nữa", date: "2026-11-23", body: "Không liên quan."),
        ])
        let index = try SearchIndexReader(files)
        let thi = try #require(index.term("thi"))
        #expect(thi.ids == [1, 2, 3])
        #expect(thi.weights == [1, 1, 1], "3 of 4 articles: no count kept")
        let lao = try #require(index.term("lao"))
        #expect(lao.ids == [2, 3])
        #expect(lao.weights.allSatisfy { $0 > 1 }, "2 of 4 articles: counted")
    }

    @Test func documentNumbersArePairsWhereverTheyAre() throws {
        let long = (0..<80).map { "từ\($0)" }.joined(separator: " ")
        let files = try Fixtures.build([
            Fixtures.article("a", title: "Học tập nghị quyết", date: "2026-11-20",
                             body: long + " Thực hiện Nghị quyết số 18-NQ/TW và Kế hoạch 03-KH/ĐUS, phòng COVID-19."),
        ])
        let index = try SearchIndexReader(files)
        #expect(index.pair("18 nq") == [0])
        #expect(index.pair("nq tw") == [0])
        #expect(index.pair("kh dus") == [0])
        #expect(index.pair("covid 19") == [0])
        #expect(index.pair("so 18") == nil, "a space between words of the body makes no pair")
        #expect(index.term("dus")?.spellings == ["đus"])
    }

    @Test func wordListsByLengthHoldLettersOnlyMostHeldFirst() throws {
        let files = try Fixtures.build([
            Fixtures.article("a", title: "Hòa Tịnh nuôi bò", date: "2026-11-20", body: "Năm 2019, covid19 và tỉnh."),
            Fixtures.article("b", title: "Tỉnh Vĩnh Long", date: "2026-11-19", body: "Nuôi bò sinh sản."),
            Fixtures.article("c", title: "Tình hình", date: "2026-11-18", body: "Tỉnh."),
        ])
        let manifest = try #require(SearchIndexReader.json(files["tim-kiem/index/manifest.json"]) as? [String: Any])
        let longest = try #require(manifest["words"] as? Int)
        #expect(longest == 4, "sinh, tinh, vinh, long, nuoi: four letters at most")
        for length in 2...longest { #expect(files["tim-kiem/index/w-\(length).json"] != nil) }
        // "tinh" is held by all three articles ("Tỉnh", "Tình"), "nuoi" by two, "sinh" by one; no digits.
        let four = try #require(files["tim-kiem/index/w-4.json"])
        #expect(four.hasPrefix("{\"tinh\":3,"))
        let counts = try #require(SearchIndexReader.json(four) as? [String: Int])
        #expect(counts["nuoi"] == 2 && counts["sinh"] == 1 && counts["2019"] == nil)
        let three = try #require(SearchIndexReader.json(files["tim-kiem/index/w-3.json"]) as? [String: Int])
        #expect(three["hoa"] == 1 && three["nam"] == 1 && three.keys.allSatisfy { $0.count == 3 })
        #expect(!(files["tim-kiem/index/w-7.json"] ?? "").contains("covid19"))
    }

    @Test func numbersAreWrittenFiveBitsALetter() {
        var text = NumberText()
        for value in [0, 1, 31, 32, 1000, 123_456] { text.append(value) }
        // The same string scripts/check-search-fold.js decodes back with search.js.
        #expect(text.string == "ABfgBofgy4D")
    }

    @Test func postingsAreWrittenAsGapsAndSymbolsOfTheirTerm() {
        // Ids 0, 2, 3 with symbols 11 (mask 1, weight 3), 20, 20: symbols [20, 11] (most used first), then
        // (gap − 1) · 2 + symbol number. scripts/check-search-fold.js decodes the same string with search.js.
        let text = SearchIndex.postingsText(articles: [0, 2, 3], symbols: [11, 20, 20])
        #expect(text == "CULBCA")
        #expect(SearchIndexReader.postings(text).map { [$0.id, $0.symbol] } == [[0, 11], [2, 20], [3, 20]])
        // A common word in every article with one symbol: one letter per article after the header.
        #expect(SearchIndex.postingsText(articles: Array(0..<40), symbols: Array(repeating: 13, count: 40))
                == "BN" + String(repeating: "A", count: 40))
    }

    @Test func aWordNeverWrittenWithMarksHasNoSpellingList() throws {
        let files = try Fixtures.build([Fixtures.article("a", title: "Năm 2019", date: "2026-11-20", body: "Kết quả 2019.")])
        #expect(try SearchIndexReader(files).buckets == 1)
        let bucket = try #require(SearchIndexReader.json(files["tim-kiem/index/t-0.json"]) as? [String: Any])
        #expect(bucket["2019"] is String)
        #expect(try SearchIndexReader(files).term("nam")?.spellings == ["năm"])
    }

    @Test func hostileTitlesStayDataInTheIndex() throws {
        let hostile = #"<script>alert("x")</script> {{site.title}} & 'q' \ end"#
        let files = try Fixtures.build([Fixtures.article("x", title: hostile.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))])
        let chunk = try #require(files["tim-kiem/index/d-0.json"])
        #expect(!chunk.contains("<script>"))
        #expect(!chunk.contains("</script>"))
        let index = try SearchIndexReader(files)
        #expect(index.row(0)?[0] as? String == hostile)
    }

    @Test func searchPageLinksTheIndex() throws {
        let files = try Fixtures.build([Fixtures.article("a", title: "Một")])
        let page = try #require(files["tim-kiem/index.html"])
        #expect(page.contains("action=\"/tim-kiem/\""))
        #expect(page.contains("data-index=\"/tim-kiem/index/\""))
    }

    @Test func bucketCountGrowsWithTheIndex() throws {
        let articles = (0..<300).map { number in
            Fixtures.article("a\(number)", title: "Bài \(number) tu\(number)", date: "2026-01-01",
                             body: (0..<200).map { "w\(number * 200 + $0)" }.joined(separator: " "))
        }
        let index = try SearchIndexReader(try Fixtures.build(articles))
        #expect(index.buckets > 1)
        let body = try #require(index.term("w12345"))
        #expect(body.ids.count == 1)
        #expect(index.row(body.ids[0])?[0] as? String == "Bài 61 tu61")
        let title = try #require(index.term("tu7"))
        #expect(title.ids.count == 1)
        #expect(index.row(title.ids[0])?[0] as? String == "Bài 7 tu7")
    }
}

/// Reads the JSON files SearchIndex writes, the way search.js does.
struct SearchIndexReader {
    let files: [String: String]
    let count: Int
    let buckets: Int
    let chunk: Int
    let categories: [[String]]

    init(_ files: [String: String]) throws {
        self.files = files
        let manifest = try #require(Self.json(files["tim-kiem/index/manifest.json"]) as? [String: Any])
        count = manifest["count"] as? Int ?? -1
        buckets = manifest["buckets"] as? Int ?? -1
        chunk = manifest["chunk"] as? Int ?? -1
        categories = manifest["categories"] as? [[String]] ?? []
    }

    struct Term {
        var spellings: [String]
        var ids: [Int] = []
        var weights: [Int] = []
        var masks: [Int] = []
    }

    private func entry(_ key: String) -> Any? {
        let bucket = Self.json(files["tim-kiem/index/t-\(SearchTerms.bucket(of: key, count: buckets)).json"]) as? [String: Any]
        return bucket?[key]
    }

    /// A term's entry: `[spellings, postings]`, or only postings for a word never written with marks.
    func term(_ term: String) -> Term? {
        let value = entry(term)
        guard let text = (value as? String) ?? ((value as? [Any])?[1] as? String) else { return nil }
        var found = Term(spellings: (value as? [Any])?[0] as? [String] ?? [term])
        for (id, symbol) in Self.postings(text) {
            found.ids.append(id)
            found.weights.append(symbol & 7)
            found.masks.append(symbol >> 3)
        }
        return found
    }

    /// (id, symbol) per posting, as search.js's termPostings reads them.
    static func postings(_ text: String) -> [(id: Int, symbol: Int)] {
        let values = numbers(text)
        let count = values[0]
        let symbols = Array(values[1...count])
        var id = -1
        return values[(count + 1)...].map { value in
            id += value / count + 1
            return (id, symbols[value % count])
        }
    }

    func pair(_ pair: String) -> [Int]? {
        guard pair.contains(" "), let text = entry(pair) as? String else { return nil }
        var id = -1
        return Self.numbers(text).map { id += $0 + 1; return id }
    }

    func row(_ id: Int) -> [Any]? {
        let rows = Self.json(files["tim-kiem/index/d-\(id / chunk).json"]) as? [[Any]]
        return rows?[id % chunk]
    }

    static func numbers(_ text: String) -> [Int] {
        var out: [Int] = [], value = 0, shift = 0
        for byte in text.utf8 {
            let digit = NumberText.alphabet.firstIndex(of: byte)!
            value += (digit & 31) << shift
            if digit & 32 != 0 { shift += 5 } else { out.append(value); value = 0; shift = 0 }
        }
        return out
    }

    static func json(_ text: String?) -> Any? {
        text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
    }
}

/// `JSONText.string` escapes on bytes, copying runs of plain text: it must write what escaping letter by letter
/// (the way it was first written, kept here as the reference) writes.
@Suite struct JSONTextTests {
    static func letterByLetter(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func escapingOnBytesWritesWhatEscapingLetterByLetterWrites() throws {
        let samples = [
            "", "Đào tạo nghề", "Tin tức… tiếp", "a\"b\\c", "dòng 1\ndòng 2\r\n\tthụt", "<script>&amp;</script>",
            "\u{2028}giữa\u{2029}", "\u{1}\u{1F}\u{7F}", "…\u{2026}\u{2027}\u{2028}\u{202A}", "\u{E2}", "e\u{301}",
            "🇻🇳 Việt Nam", String(repeating: "Người lao động \"đi\" làm việc <ở> nước ngoài & ", count: 40),
        ]
        for sample in samples {
            #expect(JSONText.string(sample) == Self.letterByLetter(sample), "\(sample.debugDescription)")
            // And it reads back as the same text.
            let decoded = try JSONSerialization.jsonObject(with: Data(JSONText.string(sample).utf8), options: .fragmentsAllowed) as? String
            #expect(decoded == sample)
        }
    }
}
