import Foundation
import Testing
@testable import BanTinKit

/// One build at a time on an output or a counter state: the second waits, or stops at once.
@Suite(.serialized) struct BuildLockTests {

    @Test func aSecondBuildWaitsForTheLockOrStopsAtOnceWithNoWait() throws {
        let project = try TestProject()
        defer { project.remove() }
        try Build.run(project.options)
        var held: BuildLock? = try BuildLock.acquire(BuildLock.file(forOutput: project.output), what: Message("lock.output", ["folder": "public/"]), policy: .fail)
        var noWait = project.options
        noWait.otherBuild = .fail
        #expect(throws: BuildLock.Busy.self) { try Build.run(noWait) }

        // A waiting build starts once the first lets go, and finds the site whole.
        let finished = Box(false)
        var waiting = project.options
        let told = Box<[String]>([])
        waiting.waiting = { message in told.withLock { $0.append(message.rendered(in: .en)) } }
        let thread = Thread { [waiting] in
            _ = try? Build.run(waiting)
            finished.withLock { $0 = true }
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(!finished.withLock { $0 })
        #expect(told.withLock { $0 } == ["waiting for another bantin build using public/ to finish"])
        #expect(Message("lock.waiting", ["what": .message(Message("lock.output", ["folder": "public/"]))]).rendered(in: .vi)
                == "đang chờ một lần dựng bantin khác đang dùng public/ chạy xong")
        #expect(held != nil)
        held = nil
        let deadline = Date().addingTimeInterval(30)
        while !finished.withLock({ $0 }), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(finished.withLock { $0 })
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("index.html").path))
    }

    /// Two real `bantin build` processes started together on one output and one counter state: the state is
    /// saved once, by the first; the second counts no line again.
    @Test func twoBuildsStartedTogetherSaveTheCounterStateOnceWithTheRightTotals() throws {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let project = try TestProject(articles: 2, siteYAML: Fixtures.siteYAML + "\ncounter:\n  logs: [\"logs/access.log\"]\n  baseline: 1000\n")
        defer { project.remove() }
        let log = (0..<400).map { CounterFixtures.line("/tin/tin-so-\($0 % 2)/", ip: "192.0.2.\($0 % 200)",
                                                       time: String(format: "24/Nov/2026:10:%02d:%02d +0700", $0 / 60, $0 % 60)) }
        try project.write(log.joined(separator: "\n") + "\n", to: "logs/access.log")
        let arguments = ["build", "--quiet", "--lang", "en", "--content", project.content.path,
                         "--templates", Fixtures.repositoryRoot.appendingPathComponent("templates").path,
                         "--output", project.output.path]
        let outputs = try (0..<2).map { _ in
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = project.folder
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, pipe)
        }.map { process, pipe in
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return text
        }
        let counted = outputs.map { $0.contains("counter: 400 new lines read") }
        #expect(counted.filter { $0 }.count == 1, "\(outputs)")
        let state = CounterStore(url: project.content.appendingPathComponent("data/visits.json")).load().state
        #expect(state.totalViews == 400)
        // Saved once: the copy kept aside is the state before it, nothing counted.
        let previous = try Data(contentsOf: project.content.appendingPathComponent("data/visits.json.previous"))
        #expect(try CounterStore.decode(previous).totalViews == 0)
    }

    final class Box<Value>: @unchecked Sendable {
        private var value: Value
        private let lock = NSLock()
        init(_ value: Value) { self.value = value }
        func withLock<Result>(_ body: (inout Value) -> Result) -> Result { lock.withLock { body(&value) } }
    }
}
