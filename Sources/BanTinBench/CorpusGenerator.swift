import BanTinKit
import Foundation

/// A deterministic, realistic-looking news site in memory, for benchmarks: Vietnamese syllables combined into a
/// fixed vocabulary of words used with Zipf-like frequency, categories in a two-level tree each with its own
/// topic words, tags used Zipf-like (a few on many articles, most on few), dates over ten years, bodies of
/// 300–800 words as `wc -w` counts them (the sample articles have 217–697) in sentences and paragraphs
/// (Markdown that is also its own plain text).
struct CorpusGenerator {
    var articleCount: Int
    var seed: UInt64 = 2018
    var rootCategories = 6
    var childrenPerRoot = 4
    var tagCount = 200
    var vocabularySize = 4000
    var years = 10.0
    var bodyWords = 300...800

    func makeSite() -> Site {
        var random = SeededRandom(seed: seed)
        let vocabulary = makeVocabulary(&random)
        let wordUse = Zipf(count: vocabulary.count)
        let categories = makeCategories()
        // Each category writes about its own words: a slice of the vocabulary's middle and tail.
        let topics = categories.map { _ in (0..<150).map { _ in 80 + random.below(vocabulary.count - 80) } }
        let topicUse = Zipf(count: 150, exponent: 0.8)
        let tagNames = makeTagNames(vocabulary, &random)
        let tagUse = Zipf(count: tagNames.count)
        let tagsOfCategory = categories.map { _ in (0..<8).map { _ in random.below(tagNames.count) } }
        let start = ISO8601DateFormatter().date(from: "2016-01-01T00:00:00Z")!

        var articles: [Article] = []
        articles.reserveCapacity(articleCount)
        for number in 0..<articleCount {
            let category = random.below(categories.count)
            // Most articles stay on their category's topic; some borrow another's, as real news crosses over.
            let topic = random.chance(0.15) ? topics[random.below(topics.count)] : topics[category]
            let focus = (0..<6).map { _ in topic[topicUse.draw(&random)] }
            func word(focusShare: Double, topicShare: Double) -> String {
                let roll = random.unit()
                if roll < focusShare { return vocabulary[random.pick(focus)] }
                if roll < focusShare + topicShare { return vocabulary[topic[topicUse.draw(&random)]] }
                if roll < focusShare + topicShare + 0.15 { return random.pick(VietnameseSyllables.function) }
                return vocabulary[wordUse.draw(&random)]
            }
            let titleWords = (0..<random.inRange(8...14)).map { _ in word(focusShare: 0.45, topicShare: 0.35) }
            var paragraphs: [String] = []
            var words = 0
            let target = random.inRange(bodyWords)
            while words < target {
                var sentences: [String] = []
                for _ in 0..<random.inRange(3...6) where words < target {
                    var sentence: [String] = []
                    for _ in 0..<random.inRange(6...14) {
                        let next = word(focusShare: 0.1, topicShare: 0.3)
                        sentence.append(next + (random.chance(0.07) ? "," : ""))
                        // Words as `wc -w` counts them: Vietnamese separates syllables with spaces.
                        words += next.split(separator: " ").count
                    }
                    var text = sentence.joined(separator: " ")
                    if text.hasSuffix(",") { text.removeLast() }
                    sentences.append(capitalised(text) + ".")
                }
                paragraphs.append(sentences.joined(separator: " "))
            }
            let body = paragraphs.joined(separator: "\n\n")
            let date = start.addingTimeInterval(random.unit() * years * 365.25 * 86_400)
            var article = Article(sourcePath: "bench/articles/tin-\(number).md", slug: "tin-\(number)",
                                  title: capitalised(titleWords.joined(separator: " ")), date: date,
                                  categorySlug: categories[category].slug, markdown: body, bodyLine: 6)
            article.bodyText = body
            var tags: [Int] = []
            for _ in 0..<random.inRange(1...4) {
                let tag = random.chance(0.6) ? random.pick(tagsOfCategory[category]) : tagUse.draw(&random)
                if !tags.contains(tag) { tags.append(tag) }
            }
            article.tags = tags.map { Tag(name: tagNames[$0], slug: Slug.make(tagNames[$0])) }
            if number > 0 && random.chance(0.01) { article.relatedPins = ["tin-\(random.below(number))"] }
            articles.append(article)
        }
        let config = SiteConfig(title: "Bench", baseURL: URL(string: "https://bench.example/")!)
        return Site(config: config, categories: categories, articles: articles)
    }

    /// Words of one to three syllables; index = how common the word is (0 the most).
    private func makeVocabulary(_ random: inout SeededRandom) -> [String] {
        let syllables = VietnameseSyllables.common
        let syllableUse = Zipf(count: syllables.count, exponent: 0.7)
        var seen: Set<String> = []
        var words: [String] = []
        while words.count < vocabularySize {
            let roll = random.unit()
            let length = roll < 0.2 ? 1 : roll < 0.85 ? 2 : 3
            let word = (0..<length).map { _ in syllables[syllableUse.draw(&random)] }.joined(separator: " ")
            if seen.insert(word).inserted { words.append(word) }
        }
        return words
    }

    /// `rootCategories` top-level categories, each followed by its children, as `Site` expects.
    private func makeCategories() -> [Category] {
        var categories: [Category] = []
        for root in 0..<rootCategories {
            var parent = Category(name: "Chuyên mục \(root + 1)", slug: "chuyen-muc-\(root + 1)", order: root + 1)
            let children = (0..<childrenPerRoot).map { child in
                Category(name: "Chuyên mục \(root + 1).\(child + 1)", slug: "chuyen-muc-\(root + 1)-\(child + 1)",
                         order: child + 1, parentSlug: parent.slug)
            }
            parent.childSlugs = children.map(\.slug)
            categories.append(parent)
            categories.append(contentsOf: children)
        }
        return categories
    }

    private func makeTagNames(_ vocabulary: [String], _ random: inout SeededRandom) -> [String] {
        var seen: Set<String> = []
        var names: [String] = []
        while names.count < tagCount {
            let name = vocabulary[20 + random.below(1000)]
            if name.contains(" "), seen.insert(Slug.make(name)).inserted { names.append(name) }
        }
        return names
    }

    private func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
