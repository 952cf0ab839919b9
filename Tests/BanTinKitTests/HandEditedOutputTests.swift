import Foundation
import Testing
@testable import BanTinKit

/// Files of the output changed or removed by hand are written again.
@Suite(.serialized) struct HandEditedOutputTests {

    @Test func outputFilesChangedOrRemovedByHandAreWrittenAgain() throws {
        let project = try TestProject()
        defer { project.remove() }
        try Build.run(project.options)
        let page = project.output.appendingPathComponent("tin/tin-so-1/index.html")
        let original = try Data(contentsOf: page)
        let feed = project.output.appendingPathComponent("feed.xml")
        let feedBytes = try Data(contentsOf: feed)
        // File times advance by the kernel's clock tick (a few milliseconds): a change inside the tick in which
        // the build ended cannot be told from the build's own writes. No hand is that quick.
        Thread.sleep(forTimeInterval: 0.05)
        try FileManager.default.removeItem(at: project.output.appendingPathComponent("tin/tin-so-2/index.html"))
        // Same size, and its old modification time put back: the change time still tells.
        try Data(repeating: UInt8(ascii: "x"), count: original.count).write(to: page)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: page.path)
        try Data("<rss/>".utf8).write(to: feed)
        let report = try Build.run(project.options)
        #expect(report.filesWritten == 3)
        #expect(try Data(contentsOf: page) == original)
        #expect(try Data(contentsOf: feed) == feedBytes)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("tin/tin-so-2/index.html").path))
        #expect(try Build.run(project.options).filesWritten == 0)
    }
}
