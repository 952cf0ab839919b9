import Foundation
import Testing
@testable import BanTinKit

/// `bantin serve` shows an edited article's body before the full build has run; the full build after it
/// must still leave exactly what a clean build leaves.
@Suite(.serialized) struct PreviewTests {
    typealias Project = IncrementalBuildTests.Project
    static let article = IncrementalBuildTests.article
    static let page = "tin/huan-luyen-an-toan-ve-sinh-lao-dong-cho-doanh-nghiep-nho-va-vua/index.html"
    static let printView = "tin/huan-luyen-an-toan-ve-sinh-lao-dong-cho-doanh-nghiep-nho-va-vua/in.html"

    @Test func aBodyEditIsPreviewedOnItsPageAndPrintViewThenTheFullBuildMatchesACleanOne() throws {
        let project = try Project()
        defer { project.remove() }
        let state = BuildState()
        try Build.run(project.options("public"), state: state)
        try project.edit(Self.article) { $0 + "\nMột đoạn mới thêm vào cuối bài.\n" }

        let changed = [project.folder.appendingPathComponent(Self.article).path]
        let preview = try #require(Build.preview(project.options("public"), state: state, changed: changed))
        #expect(preview.pagesWritten == 2)
        for path in [Self.page, Self.printView] {
            let html = try String(contentsOf: project.output("public").appendingPathComponent(path), encoding: .utf8)
            #expect(html.contains("Một đoạn mới thêm vào cuối bài."), "\(path)")
        }
        try Build.run(project.options("public"), state: state)
        try project.expectSameAsCleanBuild("public")
    }

    /// The preview runs the images stage's work on the body: a picture the last build processed shows as the full
    /// build will show it (resized, `srcset`); one it did not process leaves the save to the full build.
    @Test func aPreviewedBodyShowsItsPicturesResizedOrWaitsForTheFullBuild() throws {
        let project = try Project()
        defer { project.remove() }
        let state = BuildState()
        try Build.run(project.options("public"), state: state)
        let photo = "/images/sunset_by_Aitzol_Berasategi.jpg"
        try project.edit(Self.article) { $0 + "\n![Hoàng hôn](\(photo))\n" }
        let changed = [project.folder.appendingPathComponent(Self.article).path]
        #expect(Build.preview(project.options("public"), state: state, changed: changed)?.pagesWritten == 2)
        let previewed = try String(contentsOf: project.output("public").appendingPathComponent(Self.page), encoding: .utf8)
        #expect(previewed.contains("alt=\"Hoàng hôn\"") && !previewed.contains("src=\"\(photo)\""), "resized, not the original")
        try Build.run(project.options("public"), state: state)
        try project.expectSameAsCleanBuild("public")

        try FileManager.default.copyItem(at: project.content.appendingPathComponent("images/sunset_by_Aitzol_Berasategi.jpg"),
                                         to: project.content.appendingPathComponent("images/moi.jpg"))
        try project.edit(Self.article) { $0 + "\n![Ảnh mới](/images/moi.jpg)\n" }
        #expect(Build.preview(project.options("public"), state: state, changed: changed) == nil)
    }

    /// A link to a file (`/files/…`) is published under its slugged name by the full build: no preview shows it
    /// as typed, a link that would lead nowhere.
    @Test func aBodyLinkingAFileWaitsForTheFullBuild() throws {
        let project = try Project()
        defer { project.remove() }
        let state = BuildState()
        try Build.run(project.options("public"), state: state)
        try FileManager.default.createDirectory(at: project.content.appendingPathComponent("files"), withIntermediateDirectories: true)
        try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: project.content.appendingPathComponent("files/Kế hoạch.pdf"))
        try project.edit(Self.article) { $0 + "\nXem [kế hoạch](</files/Kế hoạch.pdf>).\n" }
        let changed = [project.folder.appendingPathComponent(Self.article).path]
        #expect(Build.preview(project.options("public"), state: state, changed: changed) == nil)
        try Build.run(project.options("public"), state: state)
        let page = try String(contentsOf: project.output("public").appendingPathComponent(Self.page), encoding: .utf8)
        #expect(page.contains("href=\"/files/ke-hoach.pdf\""))
    }

    @Test func aSecondSaveOfTheSameTextWritesNothing() throws {
        let project = try Project()
        defer { project.remove() }
        let state = BuildState()
        try Build.run(project.options("public"), state: state)
        try project.edit(Self.article) { $0 + "\nThêm một câu.\n" }
        let changed = [project.folder.appendingPathComponent(Self.article).path]
        #expect(Build.preview(project.options("public"), state: state, changed: changed)?.pagesWritten == 2)
        #expect(Build.preview(project.options("public"), state: state, changed: changed)?.pagesWritten == 0)
    }

    @Test func frontMatterSummaryAndOtherFilesGoToTheFullBuild() throws {
        let project = try Project()
        defer { project.remove() }
        let state = BuildState()
        try Build.run(project.options("public"), state: state)
        let article = [project.folder.appendingPathComponent(Self.article).path]
        let before = try String(contentsOf: project.folder.appendingPathComponent(Self.article), encoding: .utf8)

        // A new title shows in every list: no preview.
        try project.edit(Self.article) { $0.replacingOccurrences(of: "title: \"", with: "title: \"Mới: ") }
        #expect(Build.preview(project.options("public"), state: state, changed: article) == nil)

        // The first paragraph is the automatic summary, which lists show: no preview.
        try before.writeReplacing(project.folder.appendingPathComponent(Self.article))
        try project.edit(Self.article) { text in
            let body = try! FrontMatter.split(text)
            return String(text.dropLast(body.body.utf8.count)) + "Một đoạn đầu mới.\n\n" + body.body
        }
        #expect(Build.preview(project.options("public"), state: state, changed: article) == nil)

        // Templates, site.yml, new files: no preview.
        #expect(Build.preview(project.options("public"), state: state,
                              changed: [project.templates.appendingPathComponent("article.mustache").path]) == nil)
        #expect(Build.preview(project.options("public"), state: state,
                              changed: [project.content.appendingPathComponent("site.yml").path]) == nil)
        #expect(Build.preview(project.options("public"), state: state, changed: []) == nil)
    }

    @Test func noPreviewAfterAFailedBuild() throws {
        let project = try Project()
        defer { project.remove() }
        let state = BuildState()
        try Build.run(project.options("public"), state: state)
        try project.edit("content/site.yml") { $0 + "\n: not yaml [\n" }
        #expect(throws: BuildFailure.self) { try Build.run(project.options("public"), state: state) }
        try project.edit(Self.article) { $0 + "\nThêm một câu.\n" }
        #expect(Build.preview(project.options("public"), state: state,
                              changed: [project.folder.appendingPathComponent(Self.article).path]) == nil)
    }
}
