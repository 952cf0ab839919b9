import Foundation
import Testing
@testable import BanTinKit

/// The Vietnamese catalogue speaks the glossary's words (docs/thuat-ngu.md): one word per idea.
@Suite struct GlossaryTests {
    static let glossary = Fixtures.repositoryRoot.appendingPathComponent("docs/thuat-ngu.md")

    /// The "Không dùng" column: every `phrase` of the table's third cells.
    static func avoided() throws -> [String] {
        let text = try String(contentsOf: glossary, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("| ") }.flatMap { row -> [String] in
            let cells = row.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.count >= 4 else { return [] }
            return cells[3].split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
    }

    /// bantin's own words in a message: without what the editor typed ("…") and the placeholders ({…}).
    static func ownWords(_ text: String) -> String {
        text.replacing(/"[^"]*"/, with: "").replacing(/\{[^}]*\}/, with: "").lowercased()
    }

    @Test func theGlossaryListsWhatToAvoid() throws {
        let avoided = try Self.avoided()
        #expect(avoided.contains("slug"))
        #expect(avoided.contains("không được hỗ trợ"))
        #expect(avoided.count > 15)
    }

    @Test func theVietnameseCatalogueUsesNoneOfTheAvoidedWords() throws {
        let avoided = try Self.avoided()
        for (key, text) in try MessageCatalogue.entries(.vi) {
            let words = Self.ownWords(text)
            for phrase in avoided {
                #expect(!words.contains(phrase.lowercased()), "\(key): \"\(phrase)\" in \(text)")
            }
            // "mục" only inside "chuyên mục", "thư mục", "mục lục": a field is a "khóa", a settings group a "phần".
            let alone = words.replacing(/chuyên[ -]mục|thư mục|mục lục/, with: "")
            #expect(!alone.contains("mục"), "\(key): \"mục\" alone in \(text)")
        }
    }

    @Test func theKeyWordsAreTheGlossarys() {
        #expect(Message("key.unknownDidYouMean", ["key": "categroy", "place": .message(Message("place.frontMatter")), "suggestion": "category"])
            .rendered(in: .vi) == "bantin không biết khóa \"categroy\" trong phần đầu bài; có phải bạn định viết \"category\"?")
        #expect(Message("serve.listening", ["url": "http://127.0.0.1:8080/"]).rendered(in: .vi)
            == "bản xem trước đang chạy tại http://127.0.0.1:8080/ (bấm Ctrl-C để dừng)")
        #expect(Message("place.section", ["name": "counter"]).rendered(in: .vi) == "phần \"counter\"")
    }
}
