import Foundation
import Testing
@testable import BanTinKit

/// A half-applied update is rolled back before a build fails on content.
@Suite(.serialized) struct RollbackTests {

    @Test func aHalfAppliedUpdateIsRolledBackEvenWhenTheNextBuildFails() throws {
        let project = try TestProject()
        defer { project.remove() }
        try Build.run(project.options)
        let before = try EndToEndTests().snapshot(project.output)
        // A committed update killed during its moves: one new file moved in, the page it replaces kept aside.
        let writer = OutputWriter(output: project.output)
        let staging = writer.staging
        try FileManager.default.createDirectory(at: writer.backup.appendingPathComponent("tin/tin-so-0"), withIntermediateDirectories: true)
        let page = project.output.appendingPathComponent("tin/tin-so-0/index.html")
        #expect(link(page.path, writer.backup.appendingPathComponent("tin/tin-so-0/index.html").path) == 0)
        try FileManager.default.removeItem(at: page)
        try Data("half".utf8).write(to: page)
        try Data("w\ttin/tin-so-0/index.html".utf8).write(to: writer.journal)
        #expect(FileManager.default.fileExists(atPath: staging.path))

        try project.write("---\ntitle: Lỗi\n---\n", to: "content/articles/broken.md")
        #expect(project.failure().contains("content/articles/broken.md:2: error: \"date\" is required"))
        #expect(try EndToEndTests().snapshot(project.output) == before)
    }
}
