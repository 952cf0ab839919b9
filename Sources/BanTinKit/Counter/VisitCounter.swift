import Foundation

/// The visit counter's one door. It takes the page table's addresses, its settings and where its files are;
/// it gives the figures keyed by page. In two steps around rendering and writing:
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
    /// The site's addresses the figures were counted for (kept by the build cache for timer rebuilds).
    public let pages: CounterPages
    /// The state as it was read, to leave the file alone when nothing changed.
    let loadedState: CounterState?
    let store: CounterStore
    let canSave: Bool
    /// The state file's bytes when it was read: `commit` saves only over them (nil: there was no file).
    var loadedBytes: Data?
    /// The state's lock, held from `prepare` to the end of the build (`Mode.count`).
    var lock: BuildLock?

    /// What a build does with the counter.
    public enum Mode: Sendable, Equatable {
        /// `bantin build`: count the new log lines, holding the state's lock from reading it to the end of the
        /// build (a second build on the same state waits, or with `.fail` stops, then counts only the lines the
        /// first did not), and save the state once the site is written.
        case count(BuildLock.Policy)
        /// `bantin counter`: count the new log lines to show the figures; hold nothing, save nothing.
        case countWithoutSaving
        /// `bantin serve`: show the figures of the state as last saved; read no log, hold and save nothing
        /// (a preview must never advance the production figures).
        case showSaved
    }

    /// Files and folders the counter reads, after `settings` (relative paths are from `projectRoot`).
    public struct Locations: Sendable {
        public var projectRoot: URL
        /// Replace `counter.logs` and `counter.state` (for `bantin counter --logs/--state`).
        public var logPatterns: [String]?
        public var stateFile: URL?
        public var display: @Sendable (URL) -> String
        /// Reads a file of the project (the `counter.import` file) as the build reads content files.
        public var read: @Sendable (URL) -> (SourceFile?, [Diagnostic])
        /// The build's time: log lines dated more than a day after it are skipped and reported.
        public var now = Date()

        public init(projectRoot: URL, logPatterns: [String]? = nil, stateFile: URL? = nil,
                    display: @escaping @Sendable (URL) -> String = { $0.path },
                    read: @escaping @Sendable (URL) -> (SourceFile?, [Diagnostic]) = Locations.readPlainly,
                    now: Date = Date()) {
            self.projectRoot = projectRoot
            self.logPatterns = logPatterns
            self.stateFile = stateFile
            self.display = display
            self.read = read
            self.now = now
        }

        public static let readPlainly: @Sendable (URL) -> (SourceFile?, [Diagnostic]) = { url in
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return (nil, [.error(url.path, Message("counter.importUnreadable"))])
            }
            return (SourceFile(path: url.path, text: String(decoding: data, as: UTF8.self)), [])
        }

        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : projectRoot.appendingPathComponent(path)
        }
    }

    /// Reads the state (locked as `mode` says) and, unless it shows the saved figures, the new log lines.
    /// Throws only when the state is locked by another build and the policy is `.fail`, or its lock file
    /// cannot be made.
    public static func prepare(pages table: PageTable, timeZone: TimeZone, settings: CounterSettings,
                               locations: Locations, mode: Mode = .count(.wait)) throws(BuildLock.Busy) -> VisitCounter {
        try prepare(counterPages: CounterPages(table), timeZone: timeZone, settings: settings, locations: locations,
                    mode: mode)
    }

    /// The same, with the site's addresses as the counter looks them up (a timer rebuild has them from its cache).
    public static func prepare(counterPages pages: CounterPages, timeZone: TimeZone, settings: CounterSettings,
                               locations: Locations, mode: Mode = .count(.wait)) throws(BuildLock.Busy) -> VisitCounter {
        let store = CounterStore(url: locations.stateFile ?? locations.resolve(settings.state), display: locations.display)
        var lock: BuildLock?
        if case .count(let policy) = mode {
            do {
                lock = try BuildLock.acquire(BuildLock.file(forState: store.url),
                                             what: Message("lock.counterState", ["file": .text(locations.display(store.url))]),
                                             policy: policy)
            } catch let busy as BuildLock.Busy {
                throw busy
            } catch {
                throw BuildLock.Busy(file: store.url.path, message: .verbatim(FileProblem.describe(error)))
            }
        }
        var counter = read(pages: pages, timeZone: timeZone, settings: settings, locations: locations, store: store,
                           mode: mode)
        counter.lock = lock
        return counter
    }

    private static func read(pages: CounterPages, timeZone: TimeZone, settings: CounterSettings,
                             locations: Locations, store: CounterStore, mode: Mode) -> VisitCounter {
        let loaded = store.load()
        var diagnostics = loaded.diagnostics
        guard loaded.canSave else {
            return VisitCounter(settings: settings, snapshot: nil, report: CounterReport(), diagnostics: diagnostics,
                                state: loaded.state, pages: pages, loadedState: loaded.state, store: store, canSave: false)
        }
        var state = loaded.state
        var report = CounterReport()
        if mode != .showSaved {
            let patterns = locations.logPatterns ?? settings.logs
            if patterns.isEmpty, !settings.logsGiven {
                diagnostics.append(.warning(settings.file, line: settings.line,
                                            Message("counter.noLogs")))
            }
            let (files, unmatched) = LogFiles.expand(patterns, root: locations.projectRoot)
            // A computer that has never had an access log (an editor's) gets no warning on every build; a
            // server whose logs were counted before and are now gone still does.
            let neverHadLogs = files.isEmpty && loaded.state.logs.isEmpty && loaded.state.newestEntry == nil
            for pattern in unmatched where !neverHadLogs {
                diagnostics.append(.warning(settings.file, line: settings.line,
                                            Message("counter.noMatch", ["pattern": "\(pattern)"])))
            }
            var ingestSettings = LogIngester.Settings(rules: PageViewRules(extraBots: settings.bots), timeZone: timeZone,
                                                      onlineWindow: settings.onlineWindow)
            ingestSettings.latestTime = Int64(locations.now.timeIntervalSince1970) + 86_400
            let ingested = LogIngester.ingest(files, into: loaded.state, pages: pages, settings: ingestSettings,
                                              display: locations.display)
            diagnostics += ingested.diagnostics
            if ingested.report.future > 0 {
                let future = ingested.report.future
                diagnostics.append(.warning(settings.file, line: settings.line,
                    Message("counter.future", ["count": .count(future)])))
            }
            state = ingested.state
            report = ingested.report
        }

        var imported: [String: Int] = [:]
        if let importPath = settings.importFile {
            var (file, problems) = locations.read(locations.resolve(importPath))
            if let file {
                let (views, importProblems) = ViewImport.parse(file, pages: pages)
                imported = views
                problems += importProblems
            }
            diagnostics += problems.map { Diagnostic(.warning, file: $0.file, line: $0.line, $0.text) }
        }
        let snapshot = CounterSnapshot.make(state: state, pages: pages, timeZone: timeZone, settings: settings,
                                             imported: imported)
        var canSave = false
        if case .count = mode { canSave = true }
        return VisitCounter(settings: settings, snapshot: snapshot, report: report, diagnostics: diagnostics,
                            state: state, pages: pages, loadedState: loaded.replacesDamagedFile ? nil : loaded.state,
                            store: store, canSave: canSave, loadedBytes: loaded.bytes)
    }

    /// Saves the state; call after the site showing `snapshot` was written. Problems come back as warnings:
    /// the site is out already, and the next build reads the same lines again from the old state.
    func commit() -> [Diagnostic] {
        // Nothing read, nothing to write: a site without logs yet gets no state file.
        guard canSave, state != loadedState else { return [] }
        let name = store.display(store.url)
        let held = lock ?? BuildLock.attempt(BuildLock.file(forState: store.url))
        guard held != nil else {
            return [.warning(name, Message("counter.busy"))]
        }
        // Saved only over what was read: a state another build saved meanwhile already counts these lines.
        let onDisk = FileManager.default.fileExists(atPath: store.url.path) ? (try? Data(contentsOf: store.url)) : nil
        guard onDisk == loadedBytes else {
            return [.warning(name, Message("counter.savedMeanwhile"))]
        }
        do {
            try store.save(state)
            return []
        } catch {
            return [.warning(name, Message("counter.notSaved", ["reason": .message(FileProblem.message(error, action: "saving", object: "it"))]))]
        }
    }
}

extension VisitCounter.Locations {
    /// The counter's files as a build finds them: paths relative to the folder holding `content/`, shown
    /// relative to it, and the import file read as content files are (no links leading out of the project).
    public static func project(of contentDirectory: URL) -> Self {
        let root = contentDirectory.deletingLastPathComponent().standardizedFileURL
        let display: @Sendable (URL) -> String = { url in
            let path = url.standardizedFileURL.path
            let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
        return .init(projectRoot: root, display: display, read: { url in
            var problems: [Diagnostic] = []
            let file = ContentLoader(contentDirectory: root, displayRoot: root).read(url, into: &problems)
            return (file, problems)
        })
    }
}
