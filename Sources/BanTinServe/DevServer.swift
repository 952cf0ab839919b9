import BanTinKit
import Dispatch
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `bantin serve`: builds the site, serves it, watches `content/` and `templates/`, rebuilds what changed
/// after each save and tells open tabs to reload. A failed build is shown in the browser and the terminal,
/// and the server keeps running until the next save fixes it.
public struct DevServer: Sendable {
    /// The port is taken: said in the editors' words, with how to choose another.
    public struct PortBusy: Error, Sendable {
        public var host: String
        public var port: Int
        public var message: Message {
            Message("serve.portBusy", ["port": "\(port)", "url": "http://\(host):\(port)/", "other": "\(port + 1)"])
        }
    }

    public struct Options: Sendable {
        public var build: Build.Options
        public var host = "127.0.0.1"
        /// 0 lets the system choose a free port (tests).
        public var port = 8080
        /// How often the watched folders are looked at.
        public var pollInterval: Duration = .milliseconds(300)
        /// Log the time each stage of each build took.
        public var timings = false
        /// The language of the terminal lines and of the error page (`Language.resolve`).
        public var language = Language.vi
        /// Where the terminal lines go.
        public var log: @Sendable (String) -> Void = { print($0) }
        /// How often open event streams get a comment line: writing is how a stream whose tab has gone learns
        /// it (the first write fails), and its socket is then closed instead of waiting for the next rebuild.
        public var heartbeat: Duration = .seconds(5)
        /// Told the number of open event streams after each heartbeat (tests).
        public var openStreams: (@Sendable (Int) -> Void)?

        public init(build: Build.Options) {
            self.build = build
        }
    }

    public let options: Options
    private let state = BuildState()
    private let status = SiteStatus()
    private let broadcaster = ReloadBroadcaster()

    public init(options: Options) {
        var options = options
        // A preview shows the counter's figures as last saved; only `bantin build` counts and saves them.
        options.build.showsSavedCounter = true
        self.options = options
    }

    /// Builds once, then serves and watches until the task is cancelled. `onReady` receives the bound port.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        await rebuild(reason: nil)
        let router = Router()
        let files = SiteFiles(output: options.build.outputDirectory, status: status, language: options.language,
                              project: BuildStatus.project(content: options.build.contentDirectory),
                              timeZone: BuildStatus.timeZone(content: options.build.contentDirectory))
        let broadcaster = self.broadcaster
        router.get(RouterPath(LiveReload.scriptPath)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: LiveReload.script)))
        }
        router.get(RouterPath(LiveReload.eventsPath)) { _, _ in
            Self.eventStream(broadcaster.subscribe())
        }
        // "**" matches every path but the root itself.
        for path in ["/", "**"] {
            router.get(RouterPath(path)) { request, _ in files.respond(to: request.uri.path) }
            router.head(RouterPath(path)) { request, _ in files.respond(to: request.uri.path) }
        }

        var logger = Logger(label: "bantin-serve")
        // Hummingbird logs a cancelled connection as an error when the server stops; failures to start are thrown.
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname(options.host, port: options.port)),
                              onServerRunning: { channel in await onReady(channel.localAddress?.port ?? 0) },
                              logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await app.run()
                } catch let error as IOError where error.errnoCode == EADDRINUSE {
                    // A second `bantin serve`, or another program, already has the port.
                    throw PortBusy(host: options.host, port: options.port)
                }
            }
            group.addTask { try await watch() }
            group.addTask { [options, broadcaster] in
                while !Task.isCancelled {
                    try await Task.sleep(for: options.heartbeat)
                    broadcaster.send(Self.heartbeat)
                    options.openStreams?(broadcaster.count)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// What the broadcaster sends for a heartbeat: written as a comment line, which tabs ignore.
    static let heartbeat = "\u{0}heartbeat"

    /// Server-sent events: a comment at once (so the tab knows it is connected), then one `reload` per build,
    /// and a comment at each heartbeat. A write that fails (the tab has gone) ends the stream, which removes
    /// its subscription and lets the server close the socket.
    static func eventStream(_ messages: AsyncStream<String>) -> Response {
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            for await message in messages {
                try await writer.write(ByteBuffer(string: message == heartbeat ? ": ping\n\n" : "data: \(message)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    /// Polls the sources; after a change, waits until a look finds nothing new (an editor may save several
    /// files at once), then rebuilds.
    private func watch() async throws {
        let watcher = SourceWatcher(folders: [options.build.contentDirectory, options.build.templatesDirectory])
        var last = watcher.snapshot()
        // What changed while the last build ran. The build read the sources after `last` was taken, so a file
        // saved and put back during it (a broken save fixed at once) is in what was built and may be in
        // neither look: without this, its error page stayed until the next save.
        var changedDuringBuild: [String] = []
        while !Task.isCancelled {
            try await Task.sleep(for: options.pollInterval)
            var current = watcher.snapshot()
            // Files only: a folder's time also moves for an editor's hidden swap file, not worth a reload.
            guard current.files != last.files || !changedDuringBuild.isEmpty else { continue }
            while true {
                try await Task.sleep(for: options.pollInterval / 3)
                let settled = watcher.snapshot()
                if settled == current { break }
                current = settled
            }
            let changed = Array(Set(SourceWatcher.changes(from: last, to: current) + changedDuringBuild)).sorted()
            last = current
            let previewed = await preview(changed)
            if previewed { broadcaster.send("reload") }
            let report = await rebuild(reason: changed)
            // Looked at before the reload is sent, so nothing done in answer to it can slip in before the look.
            changedDuringBuild = SourceWatcher.changes(from: current, to: watcher.snapshot(), passing: true)
            // After a preview, the tab has its page already: reload again only if the full build changed a page.
            if !previewed || (report?.pagesWritten ?? 1) > 0 { broadcaster.send("reload") }
        }
    }

    /// The edited articles' own pages first, when the change allows it (`Build.preview`); true when it ran.
    private func preview(_ changed: [String]) async -> Bool {
        var fresh = options.build
        fresh.now = Date()
        let build = fresh
        let state = self.state
        let report: Build.Report? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Build.preview(build, state: state, changed: changed)) }
        }
        guard let report else { return false }
        options.log("\(Self.describe(changed, in: options.language)): " + Message("serve.preview", ["pages": .count(report.pagesWritten),
                                                                            "seconds": .seconds(report.seconds)]).rendered(in: options.language))
        return true
    }

    /// One build on a thread of its own (builds are CPU work; the server's threads stay free), reported in
    /// the terminal and recorded for the pages.
    @discardableResult
    private func rebuild(reason changed: [String]?) async -> Build.Report? {
        var fresh = options.build
        fresh.now = Date()
        let build = fresh
        let state = self.state
        let result: Result<Build.Report, Error> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { try Build.run(build, state: state) })
            }
        }
        let prefix = changed.map { "\(Self.describe($0, in: options.language)): " } ?? ""
        switch result {
        case .success(let report):
            status.succeeded(basePath: basePath(build.contentDirectory))
            for warning in report.warnings { options.log(warning.rendered(in: options.language)) }
            if options.timings {
                options.log(report.stages.map { $0.name + " " + String(format: "%.3f s", $0.seconds) }.joined(separator: ", "))
            }
            options.log(prefix + report.summary(in: options.language))
            return report
        case .failure(let error as BuildFailure):
            status.failed(error.diagnostics)
            for problem in error.diagnostics { options.log(problem.rendered(in: options.language)) }
            options.log(prefix + Message("serve.failed", ["count": .count(error.errors.count)]).rendered(in: options.language))
        case .failure(let error):
            // The disk, the descriptors, a lock: said as such, never as a problem of the content.
            let reason = FileProblem.message(error)
            status.failed([.error(build.outputDirectory.path, reason)])
            options.log(prefix + Message("serve.failedIO", ["reason": .message(reason)]).rendered(in: options.language))
        }
        return nil
    }

    /// The base path of the site's URLs ("/" or "/sub/"), which the server strips from requests.
    private func basePath(_ content: URL) -> String {
        var ignored: [Diagnostic] = []  // the build reports them
        guard let file = ContentLoader(contentDirectory: content).siteFile(into: &ignored),
              let config = SiteConfig.parse(file).0 else { return "/" }
        return Routes(baseURL: config.baseURL).basePath
    }

    static func describe(_ changed: [String], in language: Language) -> String {
        let names = changed.prefix(3).map { URL(fileURLWithPath: $0).lastPathComponent }
        return Message(changed.count > 3 ? "serve.changedMore" : "serve.changed",
                       ["names": .list(names), "count": .count(changed.count - 3)]).rendered(in: language)
    }
}
