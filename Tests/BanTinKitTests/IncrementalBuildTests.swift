import Foundation
import Testing
@testable import BanTinKit

/// An incremental build must leave exactly what a clean build into an empty folder leaves, byte for byte,
/// while writing only what changed.
@Suite(.serialized) struct IncrementalBuildTests {
    /// A copy of the sample portal's content and templates in a temporary folder, so tests may edit them.
    struct Project {
        let folder: URL
        var content: URL { folder.appendingPathComponent("content") }
        var templates: URL { folder.appendingPathComponent("templates") }

        init() throws {
            folder = try Fixtures.temporaryFolder()
            try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("content"), to: content)
            try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("templates"), to: templates)
        }

        func options(_ output: String, full: Bool = false) -> Build.Options {
            var options = Build.Options(contentDirectory: content, templatesDirectory: templates,
                                        outputDirectory: folder.appendingPathComponent(output))
            options.now = Fixtures.options.now
            options.fullRebuild = full
            return options
        }

        func output(_ name: String) -> URL { folder.appendingPathComponent(name) }

        /// A clean build into a new folder, compared with `name`.
        func expectSameAsCleanBuild(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let clean = "clean-\(UUID().uuidString)"
            try Build.run(options(clean, full: true))
            let incremental = try EndToEndTests().snapshot(output(name))
            let expected = try EndToEndTests().snapshot(output(clean))
            #expect(incremental.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
            let differing = expected.keys.filter { incremental[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "files differ from a clean build: \(differing.prefix(5))", sourceLocation: sourceLocation)
            try FileManager.default.removeItem(at: output(clean))
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = folder.appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).writeReplacing(url)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static let article = "content/articles/an-toan-lao-dong/huan-luyen-an-toan-ve-sinh-lao-dong-2018.md"

    @Test func unchangedInputsWriteNothing() throws {
        let project = try Project()
        defer { project.remove() }
        let first = try Build.run(project.options("public"))
        let second = try Build.run(project.options("public"))
        #expect(first.filesWritten > 100)
        #expect(second.filesWritten == 0)
        #expect(second.filesUnchanged == first.filesWritten)
        try project.expectSameAsCleanBuild("public")
    }

    @Test func editedArticleRewritesOnlyWhatShowsIt() throws {
        let project = try Project()
        defer { project.remove() }
        let first = try Build.run(project.options("public"))
        try project.edit(Self.article) { $0 + "\nMột đoạn mới thêm vào cuối bài.\n" }
        let second = try Build.run(project.options("public"))
        #expect(second.filesWritten >= 2)
        #expect(second.filesWritten < first.filesWritten / 4)
        let page = try String(contentsOf: project.output("public").appendingPathComponent(
            "tin/huan-luyen-an-toan-ve-sinh-lao-dong-cho-doanh-nghiep-nho-va-vua/index.html"), encoding: .utf8)
        #expect(page.contains("Một đoạn mới thêm vào cuối bài."))
        try project.expectSameAsCleanBuild("public")
    }

    @Test func deletedArticlesPagesAreRemovedAndAddedOnesAppear() throws {
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options("public"))
        let public_ = project.output("public")
        let slug = "huan-luyen-an-toan-ve-sinh-lao-dong-cho-doanh-nghiep-nho-va-vua"
        #expect(FileManager.default.fileExists(atPath: public_.appendingPathComponent("tin/\(slug)/in.html").path))

        try FileManager.default.removeItem(at: project.folder.appendingPathComponent(Self.article))
        try Fixtures.article("x", title: "Bài mới về việc làm", date: "2026-11-20", category: "lao-dong-viec-lam").text
            .writeReplacing(project.content.appendingPathComponent("articles/moi.md"))
        let report = try Build.run(project.options("public"))
        #expect(report.filesRemoved >= 2)
        #expect(!FileManager.default.fileExists(atPath: public_.appendingPathComponent("tin/\(slug)").path))
        #expect(FileManager.default.fileExists(atPath: public_.appendingPathComponent("tin/bai-moi-ve-viec-lam/index.html").path))
        try project.expectSameAsCleanBuild("public")
    }

    @Test func templateChangeRebuildsThePagesUsingIt() throws {
        let project = try Project()
        defer { project.remove() }
        let first = try Build.run(project.options("public"))
        try project.edit("templates/print.mustache") { $0.replacingOccurrences(of: "</body>", with: "<!-- in -->\n</body>") }
        let second = try Build.run(project.options("public"))
        #expect(second.filesWritten == first.articles, "only the print views use print.mustache")

        try project.edit("templates/shared/footer.mustache") { $0 + "<!-- chân trang -->\n" }
        let third = try Build.run(project.options("public"))
        #expect(third.filesWritten > first.articles * 2, "every page with the layout shows the footer")
        try project.expectSameAsCleanBuild("public")
    }

    @Test func siteSettingsAndImagesAreFollowed() throws {
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options("public"))
        try project.edit("content/site.yml") { $0.replacingOccurrences(of: "latest_count: 8", with: "latest_count: 3") }
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)
            .write(to: project.content.appendingPathComponent("images/hoi-nghi.svg"))
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("images/giam-ngheo.svg"))
        let report = try Build.run(project.options("public"))
        #expect(report.filesRemoved == 1)
        try project.expectSameAsCleanBuild("public")
    }

    @Test func aReusedStateBuildsTheSameSiteAsAFreshOne() throws {
        let project = try Project()
        defer { project.remove() }
        let state = BuildState()
        try Build.run(project.options("public"), state: state)
        try project.edit(Self.article) { $0.replacingOccurrences(of: "title:", with: "summary: \"Tóm tắt mới\"\ntitle:") }
        try project.edit("content/pages/gioi-thieu.md") { $0 + "\nThêm một dòng.\n" }
        let second = try Build.run(project.options("public"), state: state)
        #expect(second.filesWritten > 0)
        try project.expectSameAsCleanBuild("public")
        let third = try Build.run(project.options("public"), state: state)
        #expect(third.filesWritten == 0)
    }

    @Test func filesRemovedFromTheOutputByHandAreWrittenAgain() throws {
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options("public"))
        try FileManager.default.removeItem(at: project.output("public").appendingPathComponent("404.html"))
        try project.edit("templates/shared/footer.mustache") { $0 + "<!-- x -->\n" }
        try Build.run(project.options("public"))
        try project.expectSameAsCleanBuild("public")
    }

    /// Killed while its files were being moved in, an update leaves part of the new site; the next build first
    /// puts the previous site back, byte for byte, from the backup the update kept.
    @Test func anUpdateKilledDuringItsMovesIsRolledBackToThePreviousSite() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(output: folder.appendingPathComponent("public"))
        let old = OutputManifest(entries: ["a/index.html": .init(fingerprint: 1), "b/index.html": .init(fingerprint: 2)])
        try writer.apply(OutputUpdate(manifest: old, writes: [("a/index.html", .bytes(Data("a1".utf8))),
                                                              ("b/index.html", .bytes(Data("b1".utf8)))],
                                      removals: [], isIncremental: false))
        let before = try EndToEndTests().snapshot(writer.output)
        // An update replacing a, adding c and removing b, killed after moving a and c in, before removing b.
        let manager = FileManager.default
        for path in ["a/index.html", "b/index.html", OutputManifest.fileName] {
            let kept = writer.backup.appendingPathComponent(path)
            try manager.createDirectory(at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.linkItem(at: writer.output.appendingPathComponent(path), to: kept)
        }
        try Data("w\ta/index.html\nw\tc/index.html\nr\tb/index.html\nw\t.bantin-manifest".utf8).write(to: writer.journal)
        try Data("a2".utf8).write(to: writer.output.appendingPathComponent("a/index.html.new"))
        #expect(rename(writer.output.appendingPathComponent("a/index.html.new").path,
                       writer.output.appendingPathComponent("a/index.html").path) == 0)
        try manager.createDirectory(at: writer.output.appendingPathComponent("c"), withIntermediateDirectories: true)
        try Data("c2".utf8).write(to: writer.output.appendingPathComponent("c/index.html"))
        try Data("manifest staged, not moved".utf8).write(to: writer.staging.appendingPathComponent(OutputManifest.fileName))

        try writer.recover()
        #expect(try EndToEndTests().snapshot(writer.output) == before)
        #expect(!manager.fileExists(atPath: writer.output.appendingPathComponent("c").path), "the folder the update added is gone too")
        #expect(!manager.fileExists(atPath: writer.staging.path))
    }

    @Test func anInPlaceUpdateLeavesNoBackupBehind() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(output: folder.appendingPathComponent("public"))
        let first = OutputManifest(entries: ["a/index.html": .init(fingerprint: 1), "b/index.html": .init(fingerprint: 2)])
        try writer.apply(OutputUpdate(manifest: first, writes: [("a/index.html", .bytes(Data("a1".utf8))),
                                                                ("b/index.html", .bytes(Data("b1".utf8)))],
                                      removals: [], isIncremental: false))
        let second = OutputManifest(entries: ["a/index.html": .init(fingerprint: 3)])
        try writer.apply(OutputUpdate(manifest: second, writes: [("a/index.html", .bytes(Data("a2".utf8)))],
                                      removals: ["b/index.html"], isIncremental: true))
        #expect(try String(contentsOf: writer.output.appendingPathComponent("a/index.html"), encoding: .utf8) == "a2")
        #expect(!FileManager.default.fileExists(atPath: writer.output.appendingPathComponent("b").path))
        #expect(!FileManager.default.fileExists(atPath: writer.staging.path))
    }

    @Test func anUpdateThatFailsBeforeItsJournalLeavesTheOutputAlone() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(output: folder.appendingPathComponent("public"))
        let manifest = OutputManifest(entries: ["a/index.html": .init(fingerprint: 1)])
        try writer.apply(OutputUpdate(manifest: manifest, writes: [("a/index.html", .bytes(Data("a1".utf8)))],
                                      removals: [], isIncremental: false))
        let before = try EndToEndTests().snapshot(writer.output)
        let bad = OutputUpdate(manifest: manifest, writes: [("a/index.html", .bytes(Data("a2".utf8))), ("../x", .bytes(Data()))],
                               removals: [], isIncremental: true)
        #expect(throws: BuildFailure.self) { try writer.apply(bad) }
        #expect(try EndToEndTests().snapshot(writer.output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["public"])
    }
}

@Suite struct FingerprintTests {
    struct Entry: Codable { var title: String; var summary: String? }
    struct Page: Codable { var title: String; var items: [Entry]; var page: Int; var extra: Bool? }
    struct SharingPage: Codable { var latest: Encoded<[Entry]>; var page: Int }

    @Test func equalValuesHashEquallyHoweverTheyWereMade() {
        let page = Page(title: "Tin", items: [Entry(title: "A"), Entry(title: "B", summary: "b")], page: 1)
        #expect(TemplateEncoder.node(page).fingerprint == TemplateEncoder.node(page).fingerprint)
        // A part encoded once and held (`Encoded`) hashes as the same part encoded with the page.
        struct Plain: Codable { var latest: [Entry]; var page: Int }
        let entries = page.items
        #expect(TemplateEncoder.node(SharingPage(latest: Encoded(entries), page: 1)).fingerprint
                == TemplateEncoder.node(Plain(latest: entries, page: 1)).fingerprint)
    }

    @Test func anyChangeChangesTheHash() {
        let base = Page(title: "Tin", items: [Entry(title: "A"), Entry(title: "B")], page: 1)
        var variants: [Page] = []
        for change in 0..<6 {
            var copy = base
            switch change {
            case 0: copy.title = "Tin mới"
            case 1: copy.items.reverse()
            case 2: copy.page = 2
            case 3: copy.extra = false
            case 4: copy.items[0].summary = ""
            default: copy.items.removeLast()
            }
            variants.append(copy)
        }
        let hashes = Set(([base] + variants).map { TemplateEncoder.node($0).fingerprint })
        #expect(hashes.count == 7)
        // A number and the same digits as text are different values to a template (`{{#page}}` vs `{{page}}`).
        struct Text: Codable { var title: String; var items: [Entry]; var page: String }
        #expect(TemplateEncoder.node(Text(title: "Tin", items: base.items, page: "1")).fingerprint
                != TemplateEncoder.node(base).fingerprint)
    }

    @Test func aSharedPartIsEncodedOnceAndHeldByEveryPage() {
        let latest = Encoded((0..<100).map { Entry(title: "Tin \($0)") })
        let first = TemplateEncoder.fields(SharingPage(latest: latest, page: 1))
        let second = TemplateEncoder.fields(SharingPage(latest: latest, page: 2))
        #expect(first.fingerprint != second.fingerprint)
        guard case .list(let one) = first.values["latest"], case .list(let other) = second.values["latest"],
              case .list(let held) = latest.node else {
            Issue.record("latest is not a list")
            return
        }
        // The same storage, not a copy made for each page.
        #expect(one.items.withUnsafeBufferPointer { $0.baseAddress } == held.items.withUnsafeBufferPointer { $0.baseAddress })
        #expect(other.items.withUnsafeBufferPointer { $0.baseAddress } == held.items.withUnsafeBufferPointer { $0.baseAddress })
    }
}
