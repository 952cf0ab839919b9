import Foundation
import Testing
@testable import BanTinKit

/// The new site is swapped in as one exchange: the output always exists.
@Suite(.serialized) struct OutputSwapTests {

    @Test func theFullSwapExchangesTheFoldersSoTheOutputAlwaysExists() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
        try FileManager.default.createDirectory(at: one, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: two, withIntermediateDirectories: true)
        try Data("1".utf8).write(to: one.appendingPathComponent("f"))
        try Data("2".utf8).write(to: two.appendingPathComponent("f"))
        #expect(OutputWriter.exchange(one.path, two.path))
        #expect(try String(contentsOf: one.appendingPathComponent("f"), encoding: .utf8) == "2")
        #expect(try String(contentsOf: two.appendingPathComponent("f"), encoding: .utf8) == "1")

        // A full build over an existing site leaves nothing beside it but its lock.
        let project = try TestProject()
        defer { project.remove() }
        try Build.run(project.options)
        var full = project.options
        full.fullRebuild = true
        try Build.run(full)
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.folder.path).sorted() == [".bantin", ".public.lock", "content", "public"])
    }
}
