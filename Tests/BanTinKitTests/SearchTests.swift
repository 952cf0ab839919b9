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

    @Test func indexFindsAccentlessQueriesAndKeepsTitleAndBodyHitsApart() throws {
        let files = try Fixtures.build([
            Fixtures.article("a", title: "Phong trào Dân vận khéo", date: "2026-11-20", body: "Nội dung về thi đua."),
            Fixtures.article("b", title: "Tổng kết năm", date: "2026-11-21", body: "Được biểu dương trong phong trào dân vận."),
            Fixtures.article("c", title: "Tin khác", date: "2026-11-22", body: "Không liên quan."),
        ])
        let index = try SearchIndexReader(files)
        #expect(index.count == 3)
        // Ids are newest first: c = 0, b = 1, a = 2.
        #expect(index.postings("dan") == [[2], [1]])
        #expect(index.postings("duoc") == [[], [1]])
        #expect(index.postings("kheo") == [[2], []])
        #expect(index.postings("được") == nil, "the index holds folded terms only")
        #expect(index.postings("dan van") == [[2], []], "neighbouring title words are a pair")
        #expect(index.postings("van kheo") == [[2], []])
        #expect(index.postings("trao dan") == [[2], []])
        let row = try #require(index.row(2))
        #expect(row[0] as? String == "Phong trào Dân vận khéo")
        #expect(row[1] as? String == "/tin/phong-trao-dan-van-kheo/")
        #expect(row[2] as? String == "20/11/2026")
        #expect(index.categories[row[4] as? Int ?? -1].first == "Các vấn đề chung")
        #expect(row[5] as? String == "Nội dung về thi đua.")
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
        let body = try #require(index.postings("w12345"))
        #expect(body[0].isEmpty && body[1].count == 1)
        #expect(index.row(body[1][0])?[0] as? String == "Bài 61 tu61")
        let title = try #require(index.postings("tu7"))
        #expect(title[0].count == 1 && title[1].isEmpty)
        #expect(index.row(title[0][0])?[0] as? String == "Bài 7 tu7")
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

    /// [title ids, body-only ids].
    func postings(_ term: String) -> [[Int]]? {
        let bucket = Self.json(files["tim-kiem/index/t-\(SearchTerms.bucket(of: term, count: buckets)).json"]) as? [String: [[Int]]]
        guard let lists = bucket?[term] else { return nil }
        return [Self.ungap(lists[0]), Self.ungap(lists[1])]
    }

    func row(_ id: Int) -> [Any]? {
        let rows = Self.json(files["tim-kiem/index/d-\(id / chunk).json"]) as? [[Any]]
        return rows?[id % chunk]
    }

    static func ungap(_ gaps: [Int]) -> [Int] {
        var id = 0
        return gaps.map { id += $0; return id }
    }

    static func json(_ text: String?) -> Any? {
        text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
    }
}
