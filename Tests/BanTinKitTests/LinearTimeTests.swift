import Foundation
import Testing
@testable import BanTinKit

/// No input makes the build slow beyond its size.
@Suite(.serialized) struct LinearTimeTests {

    /// Pathological Markdown is refused at its line, before cmark-gfm sees it; what is parsed is bounded per
    /// paragraph, so parse time grows linearly. Timed over three sizes.
    @Test func markdownThatCmarkParsesInQuadraticTimeIsRefusedOrStaysLinear() throws {
        let shapes = ["![[]()", "*_~a ", "a@", "|"]
        for shape in shapes {
            let body = "Mở đầu.\n\n" + String(repeating: shape, count: 20_000)
            let problems = MarkdownLimits.problems(in: body, firstLine: 6)
            #expect(problems.count == 1 && problems[0].line == 8, "\(shape): \(problems)")
        }
        let errors = Fixtures.failure([Fixtures.article("p", title: "Tin", body: "Đoạn.\n\n" + String(repeating: "![[]()", count: 5_000))])
        #expect(errors.map(\.description).first?.hasPrefix("content/articles/p.md:9: error: more than 128 \"[\" opened and not closed") == true)

        // Under the limits, paragraph after paragraph: parse time linear in the size.
        let paragraph = String(repeating: "![[]()", count: 100) + String(repeating: "*_a ", count: 400) + "\n\n"
        let bodies = [15_000, 45_000, 135_000].map { String(repeating: paragraph, count: $0 / paragraph.utf8.count) }
        for body in bodies { #expect(MarkdownLimits.problems(in: body, firstLine: 1).isEmpty) }
        Self.expectLinear(sizes: bodies.map { Double($0.utf8.count) }) { _ = Markdown().render(bodies[$0]) }
    }

    @Test func frontMatterWithTensOfThousandsOfKeysIsReadInLinearTime() throws {
        let counts = [1_000, 3_000, 9_000]
        let files = counts.map { count in
            Fixtures.article("k", title: "Tin", extra: (0..<count).map { "k\($0): v" }.joined(separator: "\n"))
        }
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        for (index, count) in counts.enumerated() {
            let (article, problems) = ArticleSource.read(files[index], timeZone: zone)
            #expect(article != nil)
            #expect(problems.count == count)
            #expect(problems.last?.line == count + 4)
        }
        Self.expectLinear(sizes: counts.map(Double.init)) { _ = ArticleSource.read(files[$0], timeZone: zone) }
    }

    /// Times `work(i)` for each size, three rounds taking turns (the other tests run at the same time, so single
    /// timings are noisy; the fastest of each is kept), and expects the largest to take at most three times what
    /// linear growth from the smallest allows. Nine times the input: linear work about nine times as long,
    /// quadratic about eighty-one.
    static func expectLinear(sizes: [Double], sourceLocation: SourceLocation = #_sourceLocation, _ work: (Int) -> Void) {
        var best = [Double](repeating: .infinity, count: sizes.count)
        for _ in 0..<3 {
            for index in sizes.indices {
                let start = Date()
                work(index)
                best[index] = min(best[index], Date().timeIntervalSince(start))
            }
        }
        let allowed = best[0] * (sizes.last! / sizes[0]) * 3 + 0.05
        #expect(best.last! < allowed, "\(best)", sourceLocation: sourceLocation)
    }
}
