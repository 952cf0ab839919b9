import Foundation
import Testing
@testable import BanTinKit

/// The article cache (`.bantin/article-cache/`): what a `bantin build` parsed and rendered of each article, taken
/// by the next build in a new process while the file, the time zone and the raw-HTML setting are the same. The
/// output is byte for byte a clean build's after every kind of change.
@Suite(.serialized) struct ArticleCacheTests {
    typealias Project = IncrementalBuildTests.Project

    static let article = IncrementalBuildTests.article

    func articleCount(_ project: Project) throws -> Int {
        let walker = FileManager.default.enumerator(atPath: project.content.appendingPathComponent("articles").path)
        var count = 0
        while let path = walker?.nextObject() as? String { if path.hasSuffix(".md") { count += 1 } }
        return count
    }

    var cacheFolder: (Project) -> URL { { ArticleCache.folder(content: $0.content) } }

    /// Files an hour old, as a site's files are: a file changed within two seconds of a scan is compared by its
    /// bytes next time (it may change again within the clock's tick), so it would always be read.
    func age(_ project: Project) throws {
        let walker = FileManager.default.enumerator(at: project.content, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
        }
    }

    @Test func aRebuildAfterOneEditParsesAndRendersThatFileAloneAndEqualsACleanBuild() throws {
        let project = try Project()
        defer { project.remove() }
        let count = try articleCount(project)
        try age(project)
        let first = try Build.run(project.options("public"))
        #expect(first.articleCacheMisses?.parsed == count)
        let shards = Set(try FileManager.default.subpathsOfDirectory(atPath: project.content.appendingPathComponent("articles").path)
            .filter { $0.hasSuffix(".md") }.map { ArticleCache.shard("content/articles/" + $0) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: cacheFolder(project).path).count == shards.count)

        try project.edit(Self.article) { $0.replacingOccurrences(of: "title: \"", with: "title: \"Tin sửa - ") + "\nMột đoạn thêm vào cuối bài.\n" }
        let edited = try Build.run(project.options("public"))
        #expect(edited.articleCacheMisses?.parsed == 1)
        #expect(edited.articleCacheMisses?.rendered == 1)
        // The files whose signature is the last build's are not even read (but those whose Markdown is needed
        // after rendering: bodies with pictures).
        #expect((edited.articleCacheMisses?.notRead ?? 0) > count / 2)
        #expect((edited.articleCacheMisses?.notRead ?? count) < count)
        let pages = try FileManager.default.subpathsOfDirectory(atPath: project.output("public").appendingPathComponent("tin").path)
            .filter { $0.hasSuffix("/index.html") }
        let showing = try pages.filter {
            try String(contentsOf: project.output("public").appendingPathComponent("tin/" + $0), encoding: .utf8)
                .contains("Một đoạn thêm vào cuối bài.")
        }
        #expect(showing.count == 1)
        try project.expectSameAsCleanBuild("public")

        // The entry made by the edit is the one the next build takes.
        try project.edit("content/articles/cac-van-de-chung/" + (try firstArticle(project, in: "cac-van-de-chung"))) { $0 + "\nThêm.\n" }
        let next = try Build.run(project.options("public"))
        #expect(next.articleCacheMisses?.parsed == 1)
        try project.expectSameAsCleanBuild("public")
    }

    @Test func addedAndDeletedArticlesAreParsedOrForgotten() throws {
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options("public"))
        let added = "content/articles/cac-van-de-chung/bai-moi-them.md"
        try Fixtures.article("bai-moi-them", title: "Bài mới thêm vào", date: "2026-11-25").text
            .writeReplacing(project.folder.appendingPathComponent(added))
        let withNew = try Build.run(project.options("public"))
        #expect(withNew.articleCacheMisses?.parsed == 1)
        try project.expectSameAsCleanBuild("public")

        let shard = cacheFolder(project).appendingPathComponent(String(format: "%02d", ArticleCache.shard(added)))
        #expect(try Data(contentsOf: shard).range(of: Data(added.utf8)) != nil)
        try FileManager.default.removeItem(at: project.folder.appendingPathComponent(added))
        let without = try Build.run(project.options("public"))
        #expect(without.articleCacheMisses?.parsed == 0)
        // Its entry goes with it: the shard that held it is written without it.
        #expect(try Data(contentsOf: shard).range(of: Data(added.utf8)) == nil)
        try project.expectSameAsCleanBuild("public")
    }

    @Test func anotherTimeZoneOrRawHTMLSettingParsesAndRendersEveryFileAgain() throws {
        let project = try Project()
        defer { project.remove() }
        let count = try articleCount(project)
        try age(project)
        try Build.run(project.options("public"))
        try project.edit("content/site.yml") { $0.replacingOccurrences(of: "time_zone: Asia/Ho_Chi_Minh", with: "time_zone: Asia/Bangkok") }
        let zoned = try Build.run(project.options("public"))
        #expect(zoned.articleCacheMisses?.parsed == count)
        // Files left unread for their entries, which are for another time zone after all, are read then.
        #expect((zoned.articleCacheMisses?.notRead ?? 0) > 0)
        try project.expectSameAsCleanBuild("public")

        try project.edit("content/site.yml") { $0.replacingOccurrences(of: "unsafe: false", with: "unsafe: true") }
        let raw = try Build.run(project.options("public"))
        // The cache keeps a body (and so the front matter it came with) under the setting it was rendered with.
        #expect(raw.articleCacheMisses?.parsed == count)
        #expect((raw.articleCacheMisses?.rendered ?? 0) > 0)
        try project.expectSameAsCleanBuild("public")
    }

    @Test func aDamagedCacheIsAnEmptyOne() throws {
        let project = try Project()
        defer { project.remove() }
        let count = try articleCount(project)
        try Build.run(project.options("public"))
        let shards = try FileManager.default.contentsOfDirectory(at: cacheFolder(project), includingPropertiesForKeys: nil)
        for (index, shard) in shards.enumerated() {
            // Cut short, filled with other bytes, or emptied.
            let bytes = try Data(contentsOf: shard)
            let damaged = index % 3 == 0 ? bytes.prefix(bytes.count / 2) : index % 3 == 1 ? Data(repeating: 0xFF, count: 64) : Data()
            try damaged.write(to: shard)
        }
        try project.edit(Self.article) { $0 + "\nSửa.\n" }
        let report = try Build.run(project.options("public"))
        #expect(report.articleCacheMisses?.parsed == count)
        try project.expectSameAsCleanBuild("public")
        // Written whole again: the next edit parses one file.
        try project.edit(Self.article) { $0 + "\nSửa lần nữa.\n" }
        #expect(try Build.run(project.options("public")).articleCacheMisses?.parsed == 1)
    }

    @Test func aFullBuildNeitherReadsNorWritesTheCache() throws {
        let project = try Project()
        defer { project.remove() }
        let report = try Build.run(project.options("public", full: true))
        #expect(report.articleCacheMisses == nil)
        #expect(!FileManager.default.fileExists(atPath: cacheFolder(project).path))
    }

    func firstArticle(_ project: Project, in category: String) throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: project.content.appendingPathComponent("articles/\(category)").path)
            .filter { $0.hasSuffix(".md") }.sorted().first!
    }
}
