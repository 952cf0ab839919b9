import Testing
@testable import BanTinKit

@Suite("TermTable: the counting table of the text index")
struct TermTableTests {
    static func key(_ term: Int) -> UInt64 { UInt64(term) &* 0x9E37_79B9_7F4A_7C15 }

    static func expected(_ term: Int) -> Int32 {
        let first = Int32(term % 7 + 1)
        return term % 2 == 1 ? first + 10 : first
    }

    @Test func everyAmountLandsWhileTheTableGrows() {
        // Starts with room for 16 terms: 5,000 distinct terms make it grow nine times, each while adding.
        let table = TermTable(capacity: 16)
        for term in 1...5_000 { table.add(Self.key(term), Int32(term % 7 + 1)) }
        for term in stride(from: 1, through: 5_000, by: 2) { table.add(Self.key(term), 10) }
        var seen: [UInt64: Int32] = [:]
        table.forEach { key, value in seen[key] = value }
        #expect(table.count == 5_000)
        #expect(seen.count == 5_000)
        let wrong = (1...5_000).filter { term in seen[Self.key(term)] != Self.expected(term) }
        #expect(wrong.isEmpty, "\(wrong.count) terms lost their amounts")
    }

    @Test func numbersFollowArrivalAcrossGrowth() {
        let table = TermTable(capacity: 16)
        let numbers = (0..<3_000).map { table.number(Self.key($0)) }
        #expect(numbers == (0..<3_000).map { Int32($0) })
        #expect(table.number(Self.key(0)) == 0)
    }
}

@Suite struct CountedTermsTests {
    /// Counts are kept in a byte up to 254; a word written more often in one article keeps its whole count.
    @Test func countsOfTwoHundredFiftyFiveAndMoreAreKeptWhole() {
        let body = Array(repeating: "lao", count: 300).joined(separator: " ") + " "
            + Array(repeating: "động", count: 254).joined(separator: " ")
        let counted = CountedTerms(titles: ["", ""], bodies: [body, "lao động"])
        #expect(counted.chunks.count == 2)
        let chunk = counted.chunks[0]
        let counts = chunk.range(of: 0).map { chunk.count(at: $0) }.sorted()
        // "lao", "lao lao", "động", "động động" and the one "lao động" between them.
        #expect(counts == [1, 253, 254, 299, 300])
    }
}
