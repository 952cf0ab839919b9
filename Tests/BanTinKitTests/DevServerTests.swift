@testable import BanTinServe
import Foundation
import Testing
@testable import BanTinKit
#if canImport(Glibc)
import Glibc
#endif

/// `bantin serve` in-process on a free port of 127.0.0.1, read through plain sockets with bounded waits.
@Suite(.serialized) struct DevServerTests {
    /// The server running on a free port of 127.0.0.1 (cancel the task to stop it), once it is listening.
    static func start(_ options: DevServer.Options) async throws -> (port: Int, server: Task<Void, Error>) {
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let server = Task { try await DevServer(options: options).run { portSink.yield($0) } }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next() else {
            server.cancel()
            throw CancellationError()
        }
        return (port, server)
    }

    static let slug = "huan-luyen-an-toan-ve-sinh-lao-dong-cho-doanh-nghiep-nho-va-vua"

    /// A tab that goes away releases its event stream at the next heartbeat, not at the next rebuild.
    @Test(.timeLimit(.minutes(2)))
    func closedEventStreamsAreReleasedWithoutARebuild() async throws {
        let project = try IncrementalBuildTests.Project()
        defer { project.remove() }
        var options = DevServer.Options(build: project.options(".bantin/serve"))
        options.language = .en  // the assertions below predate the Vietnamese messages
        options.port = 0
        options.log = { _ in }
        options.heartbeat = .milliseconds(100)
        let (counts, countSink) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        options.openStreams = { countSink.yield($0) }
        let (port, server) = try await DevServerTests.start(options)
        defer { server.cancel() }
        var streams: [HTTPProbe] = []
        for _ in 0..<3 {
            let events = try await HTTPProbe.open(port: port, path: "/__bantin/events")
            #expect(await events.read(until: ": connected", seconds: 10))
            streams.append(events)
        }
        var iterator = counts.makeAsyncIterator()
        var open = await iterator.next()
        while open != 3 { open = await iterator.next() }
        for events in streams { events.close() }
        let deadline = ContinuousClock.now + .seconds(20)
        while open != 0, ContinuousClock.now < deadline { open = await iterator.next() }
        #expect(open == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func servesPagesAndPushesAReloadAfterEachSaveShowingErrorsUntilFixed() async throws {
        let project = try IncrementalBuildTests.Project()
        defer { project.remove() }
        var options = DevServer.Options(build: project.options(".bantin/serve"))
        options.language = .en  // the assertions below predate the Vietnamese messages
        options.port = 0
        options.pollInterval = .milliseconds(100)
        options.log = { _ in }
        let (port, server) = try await DevServerTests.start(options)
        defer { server.cancel() }

        let page = try await HTTPProbe.get(port: port, path: "/tin/\(Self.slug)/")
        #expect(page.status == 200)
        #expect(page.body.contains("Huấn luyện an toàn, vệ sinh lao động cho doanh nghiệp nhỏ và vừa"))
        #expect(page.body.contains("<script src=\"/__bantin/reload.js\"></script>\n</body>"))
        let onDisk = try String(contentsOf: project.output(".bantin/serve").appendingPathComponent("tin/\(Self.slug)/index.html"), encoding: .utf8)
        #expect(!onDisk.contains("__bantin"), "the script is added while serving, never written")
        #expect(try await HTTPProbe.get(port: port, path: "/__bantin/reload.js").body.contains("EventSource"))
        #expect(try await HTTPProbe.get(port: port, path: "/").body.contains("Tin mới đăng"))
        #expect(try await HTTPProbe.get(port: port, path: "/khong-co/").status == 404)
        #expect(try await HTTPProbe.get(port: port, path: "/../etc/passwd").status == 404)

        let events = try await HTTPProbe.open(port: port, path: "/__bantin/events")
        defer { events.close() }
        #expect(await events.read(until: ": connected", seconds: 10))

        // A save pushes a reload; the page the tab then asks for shows the save. A save may push two (the
        // preview, then the full build), so each step waits for its page rather than counting reloads.
        try project.edit(IncrementalBuildTests.article) { $0 + "\nĐoạn vừa thêm khi xem trước.\n" }
        #expect(await events.read(until: "data: reload", seconds: 30))
        #expect(await Self.eventually { try await HTTPProbe.get(port: port, path: "/tin/\(Self.slug)/").body.contains("Đoạn vừa thêm khi xem trước.") })

        let broken = project.content.appendingPathComponent("articles/hong.md")
        try "---\ntitle: Hỏng\ndate: 2026-13-45\ncategory: Các vấn đề chung\n---\n".writeReplacing(broken)
        #expect(await events.read(until: "data: reload", seconds: 30))
        #expect(await Self.eventually { try await HTTPProbe.get(port: port, path: "/tin/\(Self.slug)/").status == 500 })
        let errorPage = try await HTTPProbe.get(port: port, path: "/tin/\(Self.slug)/")
        #expect(errorPage.body.contains("content/articles/hong.md:3: error:"))
        #expect(errorPage.body.contains("/__bantin/reload.js"))
        #expect(try await HTTPProbe.get(port: port, path: "/assets/style.css").status == 200, "styles are still served")

        try FileManager.default.removeItem(at: broken)
        #expect(await events.read(until: "data: reload", seconds: 30))
        #expect(await Self.eventually { try await HTTPProbe.get(port: port, path: "/tin/\(Self.slug)/").status == 200 })
    }

    /// True once `condition` holds, looking every 100 ms for up to `seconds`.
    static func eventually(seconds: Double = 30, _ condition: () async throws -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// The dev server's look at the sources.
@Suite struct SourceWatcherTests {
    @Test func aFileThatCameAndWentBetweenTwoLooksIsSeenByItsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("articles"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "a".write(to: folder.appendingPathComponent("articles/a.md"), atomically: false, encoding: .utf8)
        let watcher = SourceWatcher(folders: [folder])
        let before = watcher.snapshot()
        usleep(20_000)  // past the file system clock's tick
        let passing = folder.appendingPathComponent("articles/hong.md")
        try "b".write(to: passing, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: passing)
        let after = watcher.snapshot()
        #expect(SourceWatcher.changes(from: before, to: after) == [])
        #expect(SourceWatcher.changes(from: before, to: after, passing: true) == [folder.appendingPathComponent("articles").path])
        try "a2".write(to: folder.appendingPathComponent("articles/a.md"), atomically: false, encoding: .utf8)
        #expect(SourceWatcher.changes(from: after, to: watcher.snapshot(), passing: true) == [folder.appendingPathComponent("articles/a.md").path])
    }
}

/// Just enough HTTP/1.1 over a socket to read a page or follow an event stream, every wait bounded.
final class HTTPProbe: @unchecked Sendable {
    private let socket: Int32
    private var received = Data()
    private var consumed = 0

    private init(port: Int, path: String, closeAfter: Bool) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(socket); throw POSIXError(.ECONNREFUSED) }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (closeAfter ? "Connection: close\r\n" : "") + "\r\n"
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
    }

    static func open(port: Int, path: String) async throws -> HTTPProbe {
        try await offThread { try HTTPProbe(port: port, path: path, closeAfter: false) }
    }

    /// A whole response of a server that closes the connection after it.
    static func get(port: Int, path: String) async throws -> (status: Int, body: String) {
        try await offThread {
            let probe = try HTTPProbe(port: port, path: path, closeAfter: true)
            defer { probe.close() }
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, probe.receive() != 0 {}
            let text = String(decoding: probe.received, as: UTF8.self)
            let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
            let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
            return (status, body)
        }
    }

    /// Waits until `marker` arrives after what earlier calls consumed.
    func read(until marker: String, seconds: Double) async -> Bool {
        await Self.offThread {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let text = String(decoding: self.received.dropFirst(self.consumed), as: UTF8.self)
                if let found = text.range(of: marker) {
                    self.consumed += text[..<found.upperBound].utf8.count
                    return true
                }
                if self.receive() == 0 { return false }
            }
            return false
        }
    }

    /// Bytes read (0 at the end of the stream; -1 when the wait timed out).
    private func receive() -> Int {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(socket, &buffer, buffer.count, 0)
        if count > 0 { received.append(contentsOf: buffer[..<count]) }
        return count
    }

    func close() { Glibc.close(socket) }

    /// Blocking socket calls stay off the threads Swift concurrency shares with the server's watcher.
    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
