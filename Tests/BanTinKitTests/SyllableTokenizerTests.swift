import Foundation
import Testing
@testable import BanTinKit

@Suite struct SyllableTokenizerTests {
    static func terms(_ text: String) -> [UInt64] {
        var terms: [UInt64] = []
        SyllableTokenizer.forEachTerm(in: text) { terms.append($0) }
        return terms
    }

    /// Numbers count as words ("năm 2018"): a document number or a count is what a story's follow-ups repeat.
    @Test func syllablesNumbersAndPairsWithoutStopSyllablesOrPairsAcrossPunctuation() {
        let text = "Phát động phong trào \"Dân vận khéo\" và thi đua, năm 2018"
        let spelled = Set(SyllableTokenizer.spellings(in: text).values)
        #expect(spelled == ["phát", "động", "phong", "trào", "phát động", "động phong", "phong trào",
                            "dân", "vận", "khéo", "dân vận", "vận khéo", "thi", "đua", "thi đua", "năm", "2018", "năm 2018"])
        // The fast path and the spelled one split alike.
        #expect(Set(Self.terms(text)) == Set(SyllableTokenizer.spellings(in: text).keys))
    }

    @Test func capitalsAndDecomposedAccentsMakeTheSameTerms() {
        let composed = "Dân vận khéo ở cơ sở"
        #expect(Self.terms(composed.decomposedStringWithCanonicalMapping) == Self.terms(composed))
        #expect(Self.terms("DÂN VẬN KHÉO Ở CƠ SỞ") == Self.terms(composed))
        #expect(Self.terms("Dân  vận\u{00A0}khéo ở cơ sở") == Self.terms(composed))
    }

    @Test func aStopSyllableEndsAPair() {
        #expect(SyllableTokenizer.spellings(in: "lao động của tỉnh").values.sorted() == ["lao", "lao động", "tỉnh", "động"])
    }
}
