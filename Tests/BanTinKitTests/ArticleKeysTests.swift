import Testing
@testable import BanTinKit

/// The short keys under which the counter's views file lists each article (`ArticleKeys`).
@Suite struct ArticleKeysTests {
    @Test func aKeyIsSixCharactersOfItsURLAloneWhateverTheOtherArticles() {
        let alone = ArticleKeys(urls: ["/tin/hoi-nghi-can-bo/"])["/tin/hoi-nghi-can-bo/"]
        let among = ArticleKeys(urls: (0..<2000).map { "/tin/bai-\($0)/" } + ["/tin/hoi-nghi-can-bo/"])["/tin/hoi-nghi-can-bo/"]
        #expect(alone == among)
        #expect(alone?.count == 6 && alone!.allSatisfy { $0.isLowercase || $0.isNumber })
        // The same key in every process and on every machine (pages and the views file are built apart).
        #expect(ArticleKeys.hash("/tin/hoi-nghi-can-bo/") == ArticleKeys.hash(String("/tin/hoi-nghi-can-bo/")))
        #expect(ArticleKeys.base36(35, length: 6) == "00000z")
    }

    @Test func twoURLsWithTheSameShortKeyBothGetTheirWholeHash() throws {
        // A birthday search: about 55,000 URLs before two share 6 characters.
        var seen: [UInt64: String] = [:]
        var pair: (String, String)?
        for number in 0..<2_000_000 {
            let url = "/tin/bai-\(number)/"
            let short = ArticleKeys.hash(url) % 2_176_782_336
            if let other = seen[short] { pair = (other, url); break }
            seen[short] = url
        }
        let (first, second) = try #require(pair)
        let keys = ArticleKeys(urls: [first, second, "/tin/hoi-nghi-can-bo/"])
        #expect(keys[first]?.count == 13 && keys[second]?.count == 13 && keys[first] != keys[second])
        #expect(keys["/tin/hoi-nghi-can-bo/"] == ArticleKeys(urls: ["/tin/hoi-nghi-can-bo/"])["/tin/hoi-nghi-can-bo/"])
        // Either alone keeps its short key.
        #expect(ArticleKeys(urls: [first])[first]?.count == 6)
    }
}
