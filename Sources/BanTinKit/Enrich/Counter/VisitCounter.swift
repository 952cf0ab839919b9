import Foundation

/// The counter's part of a build, in two steps around rendering and writing:
/// `prepare` reads the state and what is new in the logs, and computes the snapshot the pages show;
/// `commit` saves the advanced state, and is called only once the site showing it has been written.
/// Until then the state file is untouched, so a build that fails leaves the lines it read to the next one:
/// every line is counted once, whether builds fail, are killed, or run again on the same logs.
public struct VisitCounter: Sendable {
    public let settings: CounterSettings
    /// Nil when the state could not be read: the pages then show the counter as unavailable.
    public let snapshot: CounterSnapshot?
    public let report: CounterReport
    public let diagnostics: [Diagnostic]
    public let state: CounterState
    /// The state as it was read, to leave the file alone when nothing changed.
    let loadedState: CounterState?
    let store: CounterStore
    let canSave: Bool
    /// The state file's bytes when it was read: `commit` saves only over them (nil: there was no file).
    var loadedBytes: Data?
    /// The state's lock, held from `prepare` to the end of the build (`StateLock.forTheBuild`).
    var lock: BuildLock?

    /// How a build keeps other builds from saving the same state (`BuildLock`).
    public enum StateLock: Sendable {
        /// `bantin build`: the state is locked from reading it until the build ends, so a second build on the
        /// same state waits (or, `.fail`, stops) and then counts only the lines the first did not.
        case forTheBuild(BuildLock.Policy)
        /// `bantin serve`, `bantin counter`: nothing held while building; the state is saved only when no build
        /// holds it and it is still what was read (else the next build counts the same lines, once).
        case onlyToSave
    }

    /// Files and folders the counter reads, after `settings` (relative paths are from `projectRoot`).
    public struct Locations: Sendable {
        public var projectRoot: URL
        /// Replace `counter.logs` and `counter.state` (for `bantin counter --logs/--state`).
        public var logPatterns: [String]?
        public var stateFile: URL?
        public var display: @Sendable (URL) -> String
        /// The build's time: log lines dated more than a day after it are skipped and reported.
        public var now = Date()

        public init(projectRoot: URL, logPatterns: [String]? = nil, stateFile: URL? = nil,
                    display: @escaping @Sendable (URL) -> String = { $0.path }, now: Date = Date()) {
            self.projectRoot = projectRoot
            self.now = now
            self.logPatterns = logPatterns
            self.stateFile = stateFile
            self.display = display
        }

        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : projectRoot.appendingPathComponent(path)
        }
    }

    public static func prepare(site: Site, settings: CounterSettings, locations: Locations) -> VisitCounter {
        // With `.onlyToSave` nothing is locked, so nothing can be busy.
        (try? prepare(site: site, settings: settings, stateLock: .onlyToSave, locations: locations))!
    }

    /// Reads the state (locked as `stateLock` says) and the new log lines. Throws only when the state is locked
    /// by another build and the policy is `.fail`, or its lock file cannot be made.
    public static func prepare(site: Site, settings: CounterSettings, stateLock: StateLock,
                               locations: Locations) throws(BuildLock.Busy) -> VisitCounter {
        let store = CounterStore(url: locations.stateFile ?? locations.resolve(settings.state), display: locations.display)
        var lock: BuildLock?
        if case .forTheBuild(let policy) = stateLock {
            do {
                lock = try BuildLock.acquire(BuildLock.file(forState: store.url), what: "the visit counter's state "
                                             + locations.display(store.url), policy: policy)
            } catch let busy as BuildLock.Busy {
                throw busy
            } catch {
                throw BuildLock.Busy(file: store.url.path, description: FileProblem.describe(error))
            }
        }
        var counter = read(site: site, settings: settings, locations: locations, store: store)
        counter.lock = lock
        return counter
    }

    private static func read(site: Site, settings: CounterSettings, locations: Locations, store: CounterStore) -> VisitCounter {
        let loaded = store.load()
        var diagnostics = loaded.diagnostics
        guard loaded.canSave else {
            return VisitCounter(settings: settings, snapshot: nil, report: CounterReport(), diagnostics: diagnostics,
                                state: loaded.state, loadedState: loaded.state, store: store, canSave: false)
        }
        let pages = CounterPages(site: site, routes: Routes(baseURL: site.config.baseURL))
        let patterns = locations.logPatterns ?? settings.logs
        let (files, unmatched) = LogFiles.expand(patterns, root: locations.projectRoot)
        for pattern in unmatched {
            diagnostics.append(.warning(settings.file, line: settings.line,
                                        "counter: no access log matches \"\(pattern)\"; the figures shown are those of the last build"))
        }
        var ingestSettings = LogIngester.Settings(rules: PageViewRules(extraBots: settings.bots), timeZone: site.config.timeZone,
                                                  onlineWindow: settings.onlineWindow)
        ingestSettings.latestTime = Int64(locations.now.timeIntervalSince1970) + 86_400
        let ingested = LogIngester.ingest(files, into: loaded.state, pages: pages, settings: ingestSettings,
                                          display: locations.display)
        diagnostics += ingested.diagnostics
        if ingested.report.future > 0 {
            diagnostics.append(.warning(settings.file, line: settings.line,
                "counter: \(ingested.report.future) log line\(ingested.report.future == 1 ? " is" : "s are") dated more than a day after this build and \(ingested.report.future == 1 ? "was" : "were") skipped; is the web server's clock right?"))
        }

        var imported: [String: Int] = [:]
        if let importPath = settings.importFile {
            let url = locations.resolve(importPath)
            let loader = ContentLoader(contentDirectory: locations.projectRoot, displayRoot: locations.projectRoot)
            var problems: [Diagnostic] = []
            if let file = loader.read(url, into: &problems) {
                let (views, importProblems) = ViewImport.parse(file, pages: pages)
                imported = views
                problems += importProblems
            }
            diagnostics += problems.map { Diagnostic(.warning, file: $0.file, line: $0.line, $0.message) }
        }
        let snapshot = CounterSnapshot.make(state: ingested.state, site: site, settings: settings, imported: imported,
                                             pages: pages)
        return VisitCounter(settings: settings, snapshot: snapshot, report: ingested.report, diagnostics: diagnostics,
                            state: ingested.state, loadedState: loaded.replacesDamagedFile ? nil : loaded.state,
                            store: store, canSave: true, loadedBytes: loaded.bytes)
    }

    /// Saves the state; call after the site showing `snapshot` was written. Problems come back as warnings:
    /// the site is out already, and the next build reads the same lines again from the old state.
    public func commit() -> [Diagnostic] {
        // Nothing read, nothing to write: a site without logs yet gets no state file.
        guard canSave, state != loadedState else { return [] }
        let name = store.display(store.url)
        let held = lock ?? BuildLock.attempt(BuildLock.file(forState: store.url))
        guard held != nil else {
            return [.warning(name, "another bantin build is using the visit counter's state, so this one did not save it; the next build counts the same log lines, once")]
        }
        // Saved only over what was read: a state another build saved meanwhile already counts these lines.
        let onDisk = FileManager.default.fileExists(atPath: store.url.path) ? (try? Data(contentsOf: store.url)) : nil
        guard onDisk == loadedBytes else {
            return [.warning(name, "the visit counter's state was saved by another build while this one ran; it was left as that build saved it, and the lines both read are counted once")]
        }
        do {
            try store.save(state)
            return []
        } catch {
            return [.warning(name, "the visit counter's state could not be saved (\(FileProblem.describe(error, action: "saving", object: "it"))); the next build counts the same log lines again, once")]
        }
    }
}
