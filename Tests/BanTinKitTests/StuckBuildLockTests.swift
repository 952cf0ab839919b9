import Foundation
import Testing
@testable import BanTinKit

/// A build that has held the output's lock longer than any build takes is hung: the builds after it fail and
/// say so (exit status 1), instead of stopping with 75 ("try later"), which the timer's service takes for success.
@Suite(.serialized) struct StuckBuildLockTests {
    typealias Project = TestProject

    /// The output's lock, held here, as if taken `minutesAgo` by process 4242.
    func hold(_ project: Project, minutesAgo: Int) throws -> BuildLock {
        let file = BuildLock.file(forOutput: project.output)
        let lock = try BuildLock.acquire(file, what: Message("lock.output", ["folder": "public/"]), policy: .fail)
        let started = Int(Date().timeIntervalSince1970) - minutesAgo * 60
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("4242 \(started)\n".utf8))
        try handle.close()
        return lock
    }

    func refusal(_ options: Build.Options) -> BuildLock.Busy? {
        do {
            try Build.run(options)
            return nil
        } catch {
            return error as? BuildLock.Busy
        }
    }

    @Test(arguments: [BuildLock.Policy.fail, .wait])
    func aLockHeldLongerThanAnyBuildIsAFailureThatSaysSo(_ policy: BuildLock.Policy) throws {
        let project = try Project()
        defer { project.remove() }
        var options = project.options
        options.otherBuild = policy
        let held = try hold(project, minutesAgo: 125)
        let stuck = try #require(refusal(options))
        #expect(stuck.isStuck)
        #expect(stuck.message.rendered(in: .en).hasPrefix("another bantin build (process 4242) has held public/ for 125 minutes"))
        #expect(stuck.message.rendered(in: .vi).contains("có lẽ nó bị treo"))
        #expect(stuck.message.rendered(in: .vi).contains("kill 4242"))
        withExtendedLifetime(held) {}
    }

    @Test func aRecentLockIsOnlyBusy() throws {
        let project = try Project()
        defer { project.remove() }
        var options = project.options
        options.otherBuild = .fail
        let held = try hold(project, minutesAgo: 3)
        let busy = try #require(refusal(options))
        #expect(!busy.isStuck)
        withExtendedLifetime(held) {}
    }

    /// A build waiting for the lock gives up once the holder has had it for longer than the patience allows.
    @Test func aWaitThatLastsTooLongEndsInAFailure() throws {
        let project = try Project()
        defer { project.remove() }
        var options = project.options
        options.lockPatience = 0.5
        var held: BuildLock? = try BuildLock.acquire(BuildLock.file(forOutput: project.output),
                                                     what: Message("lock.output", ["folder": "public/"]), policy: .fail)
        let stuck = try #require(refusal(options))
        #expect(stuck.isStuck)
        #expect(held != nil)
        held = nil
        // Once the lock is free the build runs, and says in the lock file who holds it.
        try Build.run(project.options)
        let text = try String(contentsOf: BuildLock.file(forOutput: project.output), encoding: .utf8)
        #expect(text.hasPrefix("\(getpid()) "))
    }

    @Test func theCommandExitsOneWhenStuckAndSeventyFiveWhenBusy() throws {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let project = try Project()
        defer { project.remove() }
        func build() throws -> Int32 {
            try NewArticleTests.run(binary, ["build", "--quiet", "--no-wait", "--content", project.content.path,
                                             "--templates", Fixtures.repositoryRoot.appendingPathComponent("templates").path,
                                             "--output", project.output.path])
        }
        var held: BuildLock? = try hold(project, minutesAgo: 600)
        #expect(try build() == 1)
        held = nil
        held = try hold(project, minutesAgo: 1)
        #expect(try build() == 75)
        withExtendedLifetime(held) {}
    }
}
