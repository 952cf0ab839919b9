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
    /// The state as it was read, to leave the file alone when nothing changed.
    let loadedState: CounterState?
    let store: CounterStore
    let canSave: Bool

    /// Files and folders the counter reads, after `settings` (relative paths are from `projectRoot`).
    public struct Locations: Sendable {
        public var projectRoot: URL
        /// Replace `counter.logs` and `counter.state` (for `bantin counter --logs/--state`).
        public var logPatterns: [String]?
        public var stateFile: URL?
        public var display: @Sendable (URL) -> String
        /// Reads a file of the project (the `counter.import` file) as the build reads content files.
        public var read: @Sendable (URL) -> (SourceFile?, [Diagnostic])

        public init(projectRoot: URL, logPatterns: [String]? = nil, stateFile: URL? = nil,
                    display: @escaping @Sendable (URL) -> String = { $0.path },
                    read: @escaping @Sendable (URL) -> (SourceFile?, [Diagnostic]) = Locations.readPlainly) {
            self.projectRoot = projectRoot
            self.logPatterns = logPatterns
            self.stateFile = stateFile
            self.display = display
            self.read = read
        }

        public static let readPlainly: @Sendable (URL) -> (SourceFile?, [Diagnostic]) = { url in
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return (nil, [.error(url.path, "cannot be read")])
            }
            return (SourceFile(path: url.path, text: String(decoding: data, as: UTF8.self)), [])
        }

        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : projectRoot.appendingPathComponent(path)
        }
    }

    /// What a build does with the counter: count the new log lines and save the state once the site is
    /// written (`bantin build`), or show the figures of the state as last saved, reading and saving nothing
    /// (`bantin serve`: a preview must never advance the production figures).
    public enum Mode: Sendable { case count, showSaved }

    public static func prepare(pages table: PageTable, timeZone: TimeZone, settings: CounterSettings,
                               locations: Locations, mode: Mode = .count) -> VisitCounter {
        let store = CounterStore(url: locations.stateFile ?? locations.resolve(settings.state), display: locations.display)
        let loaded = store.load()
        var diagnostics = loaded.diagnostics
        guard loaded.canSave else {
            return VisitCounter(settings: settings, snapshot: nil, report: CounterReport(), diagnostics: diagnostics,
                                state: loaded.state, loadedState: loaded.state, store: store, canSave: false)
        }
        let pages = CounterPages(table)
        var state = loaded.state
        var report = CounterReport()
        if mode == .count {
            let patterns = locations.logPatterns ?? settings.logs
            if patterns.isEmpty, !settings.logsGiven {
                diagnostics.append(.warning(settings.file, line: settings.line,
                                            "counter: no \"logs\" given, so only the baseline is shown; add e.g. logs: [\"/var/log/nginx/access.log*\"]"))
            }
            let (files, unmatched) = LogFiles.expand(patterns, root: locations.projectRoot)
            for pattern in unmatched {
                diagnostics.append(.warning(settings.file, line: settings.line,
                                            "counter: no access log matches \"\(pattern)\"; the figures shown are those of the last build"))
            }
            let ingested = LogIngester.ingest(
                files, into: loaded.state, pages: pages,
                settings: .init(rules: PageViewRules(extraBots: settings.bots), timeZone: timeZone,
                                onlineWindow: settings.onlineWindow),
                display: locations.display)
            diagnostics += ingested.diagnostics
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
            diagnostics += problems.map { Diagnostic(.warning, file: $0.file, line: $0.line, $0.message) }
        }
        let snapshot = CounterSnapshot.make(state: state, pages: pages, timeZone: timeZone, settings: settings,
                                             imported: imported)
        return VisitCounter(settings: settings, snapshot: snapshot, report: report, diagnostics: diagnostics,
                            state: state, loadedState: loaded.replacesDamagedFile ? nil : loaded.state,
                            store: store, canSave: mode == .count)
    }

    /// Saves the state; call after the site showing `snapshot` was written. Problems come back as warnings:
    /// the site is out already, and the next build reads the same lines again from the old state.
    public func commit() -> [Diagnostic] {
        // Nothing read, nothing to write: a site without logs yet gets no state file.
        guard canSave, state != loadedState else { return [] }
        do {
            try store.save(state)
            return []
        } catch {
            return [.warning(store.display(store.url), "the visit counter's state could not be saved (\(error.localizedDescription)); the next build counts the same log lines again, once")]
        }
    }
}
