import Foundation
import Testing
@testable import BanTinKit

/// A real `bantin build` process killed with SIGKILL while it writes must leave the old site whole.
@Suite(.serialized) struct KilledBuildTests {
    /// The `bantin` executable SwiftPM built next to the test runner.
    static var executable: URL? {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("bantin")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let fallback = Fixtures.repositoryRoot.appendingPathComponent(".build/debug/bantin")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    @Test func sigkillDuringTheWriteLeavesThePreviousSiteWholeAndTheNextBuildRecovers() throws {
        let binary = try #require(Self.executable, "bantin executable not built")
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        let articles = content.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        let body = String(repeating: "Đoạn văn về công tác dân vận khéo ở cơ sở. ", count: 20)
        for index in 0..<800 {
            try Fixtures.article("a\(index)", title: "Tin số \(index)", date: "2026-01-01", body: body).text
                .write(to: articles.appendingPathComponent("a\(index).md"), atomically: false, encoding: .utf8)
        }
        let output = folder.appendingPathComponent("public")
        let templates = Fixtures.repositoryRoot.appendingPathComponent("templates")
        let arguments = ["build", "--content", content.path, "--templates", templates.path, "--output", output.path]

        #expect(try run(binary, arguments) == 0)
        let before = try EndToEndTests().snapshot(output)
        #expect(before.count > 1600)

        // Change every page, start a build, and kill it once it is writing the staging folder.
        try Fixtures.siteYAML.replacingOccurrences(of: "Sở Thử nghiệm", with: "Sở Đổi tên")
            .writeReplacing(content.appendingPathComponent("site.yml"))
        let staging = folder.appendingPathComponent(".public.building")
        let process = try start(binary, arguments)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if let written = try? FileManager.default.contentsOfDirectory(atPath: staging.appendingPathComponent("tin").path),
               written.count > 50 { break }
            usleep(2000)
        }
        #expect(process.isRunning, "the build finished before it could be killed; make the fixture larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try EndToEndTests().snapshot(output) == before)

        #expect(try run(binary, arguments) == 0)
        let after = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(after.contains("Sở Đổi tên"))
        // Nothing left beside the site but the output's lock file (never removed: see BuildLock), the build cache
        // and the last build's outcome for the editors (BuildStatus).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".bantin", ".public.lock", "TRANG-THAI.txt", "content", "public"])
    }

    private func start(_ binary: URL, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func run(_ binary: URL, _ arguments: [String]) throws -> Int32 {
        let process = try start(binary, arguments)
        process.waitUntilExit()
        return process.terminationStatus
    }
}
