#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads what is new in the access logs into the counter's state: the file-reading edge of the counter.
/// It never fails the build: a log that cannot be read is a warning, and its record is left as it was so a
/// later build reads those lines. Nothing is written here; the caller saves the state it returns.
public enum LogIngester {
    public struct Settings: Sendable {
        public var rules: PageViewRules
        public var timeZone: TimeZone
        /// Seconds.
        public var onlineWindow: Int64
        /// Lines dated after this (seconds since 1970: a day after the build) are skipped and reported: a clock
        /// set years ahead would otherwise become the snapshot's time and push every real day out of the lists.
        var latestTime: Int64 = .max

        public init(rules: PageViewRules, timeZone: TimeZone, onlineWindow: Int64) {
            self.rules = rules
            self.timeZone = timeZone
            self.onlineWindow = onlineWindow
        }
    }

    public struct Result: Sendable {
        public var state: CounterState
        public var report: CounterReport
        public var diagnostics: [Diagnostic]
    }

    /// A record not seen for this many days (of log time) is forgotten; rotated logs are long gone by then.
    static let forgetRecordsAfterDays = 90

    public static func ingest(_ files: [URL], into previous: CounterState, pages: CounterPages, settings: Settings,
                              display: (URL) -> String = { $0.path }) -> Result {
        var tally = VisitTally(rules: settings.rules, pages: pages, timeZone: settings.timeZone,
                               onlineWindow: settings.onlineWindow, newestSoFar: previous.newestEntry)
        tally.latestTime = settings.latestTime
        var diagnostics: [Diagnostic] = []
        var records = previous.logs
        var unchanged: [String: CounterState.FileStamp] = [:]
        var seenHeads: Set<UInt64> = []
        var filesRead = 0, filesUnchanged = 0

        // Oldest first, so a backlog is counted in the order it happened.
        let stamped = files.map { ($0, stamp(of: $0)) }
            .sorted { ($0.1?.modified ?? 0, $0.0.path) < ($1.1?.modified ?? 0, $1.0.path) }
        for (url, fileStamp) in stamped {
            let path = url.path
            if let fileStamp, let known = previous.unchanged[path], known.sameFile(as: fileStamp) {
                unchanged[path] = known
                seenHeads.insert(known.head)
                filesUnchanged += 1
                continue
            }
            let head: [UInt8]
            let source: LogSource
            do {
                head = try LogSources.head(url, count: LogIdentity.headLength)
                source = try LogSources.open(url)
            } catch {
                diagnostics.append(.warning(display(url), Message(error.isNotALog ? "counter.notALog" : "counter.logUnreadable",
                                                                  ["problem": .message(error.message)])))
                continue
            }
            guard !head.isEmpty else { continue }
            let fingerprint = LogIdentity.fingerprint(head)
            let match = LogIdentity.match(head, in: records)
            let start = match.map { records[$0].offset } ?? 0
            // The same file (device and inode) as when it was read to its end, but shorter, or no longer starting
            // as the log read then: cut back in place (a truncate, an editor's save) and perhaps written to again.
            // Lines after the cut up to the old length are missed, or lines before it counted again: said.
            // (A log emptied in place, as logrotate's copytruncate does, starts anew: it is not this.)
            if let fileStamp, let known = previous.unchanged[path], known.device == fileStamp.device,
               known.inode == fileStamp.inode, let read = records.first(where: { $0.head == known.head }),
               read.start == fingerprint.start,
               fileStamp.size < known.size || match.map({ records[$0].head != known.head }) ?? true {
                diagnostics.append(.warning(display(url), Message("counter.logCutBack", [
                    "before": .count(Int(known.size)), "now": .count(Int(fileStamp.size))])))
            }
            let outcome = LogReader.lines(of: source, from: start) { tally.add($0) }
            tally.countOverlong(outcome.overlong)
            filesRead += 1
            // Said whether or not any line came before the damage: a log read as empty must not pass in silence.
            if let error = outcome.error {
                diagnostics.append(.warning(display(url), Message("counter.logCut", ["problem": .message(error.message)])))
            }

            let recordHead: UInt64
            if let match {
                if !outcome.endsBeforeStart { records[match].offset = max(records[match].offset, outcome.end) }
                if fingerprint.headLength > records[match].headLength {
                    records[match].head = fingerprint.head
                    records[match].headLength = fingerprint.headLength
                    records[match].start = fingerprint.start
                }
                records[match].name = path
                recordHead = records[match].head
            } else if outcome.end > 0 {
                records.append(LogFileRecord(head: fingerprint.head, headLength: fingerprint.headLength, start: fingerprint.start,
                                             offset: outcome.end, name: path, lastSeenDay: 0))
                recordHead = fingerprint.head
            } else {
                continue
            }
            seenHeads.insert(recordHead)
            if outcome.error == nil, var fileStamp, source.isFinished || outcome.endsBeforeStart || Int64(outcome.end) == fileStamp.size {
                fileStamp.head = recordHead
                unchanged[path] = fileStamp
            }
        }

        tally.flush()
        tally.pruneOnline()
        var state = merge(tally, into: previous, onlineWindow: settings.onlineWindow)
        let today = state.newestEntry.map { tally.day(of: $0) } ?? 0
        for index in records.indices where seenHeads.contains(records[index].head) {
            records[index].lastSeenDay = max(records[index].lastSeenDay, today)
        }
        state.logs = records.filter { $0.lastSeenDay >= today - forgetRecordsAfterDays }
        state.unchanged = unchanged

        var report = tally.report
        report.files = files.count
        report.filesRead = filesRead
        report.filesUnchanged = filesUnchanged
        return Result(state: state, report: report, diagnostics: diagnostics)
    }

    /// Adds a tally's counts to a state and trims what is kept to the recent days. Pure.
    static func merge(_ tally: VisitTally, into previous: CounterState, onlineWindow: Int64) -> CounterState {
        var state = previous
        state.newestEntry = tally.newest
        state.totalViews += tally.report.views
        for (number, url) in tally.pageURLs.enumerated() where tally.viewsByPage[number] > 0 {
            state.viewsByPage[url, default: 0] += tally.viewsByPage[number]
        }
        var newestDay = state.days.keys.max() ?? Int.min
        if let newest = tally.newest {
            var days = SiteDays(timeZone: tally.timeZone)
            newestDay = days.day(of: newest)
        }
        let firstRecentDay = newestDay == Int.min ? Int.min : newestDay - (CounterState.recentDayCount - 1)
        for (number, counted) in tally.days {
            var day = state.days[number] ?? CounterState.Day()
            day.views += counted.views
            if var recent = state.recentDays[number] {
                recent.visitorKeys.formUnion(counted.visitors)
                add(counted.viewsByPage, urls: tally.pageURLs, to: &recent.viewsByPage)
                day.visitors = recent.visitorKeys.count
                state.recentDays[number] = recent
            } else if state.days[number] == nil || number >= firstRecentDay {
                var recent = CounterState.RecentDay(viewsByPage: [:], visitorKeys: counted.visitors)
                add(counted.viewsByPage, urls: tally.pageURLs, to: &recent.viewsByPage)
                day.visitors = counted.visitors.count
                state.recentDays[number] = recent
            } else {
                // The day's visitors were summed up and forgotten; late lines for it can only add.
                day.visitors += counted.visitors.count
            }
            state.days[number] = day
        }
        state.recentDays = state.recentDays.filter { $0.key >= firstRecentDay }
        for (visitor, time) in tally.online where time > state.online[visitor] ?? .min {
            state.online[visitor] = time
        }
        if let newest = state.newestEntry {
            state.online = state.online.filter { $0.value >= newest - onlineWindow }
        }
        return state
    }

    private static func add(_ counts: [Int: Int], urls: [String], to target: inout [String: Int]) {
        for (number, views) in counts { target[urls[number], default: 0] += views }
    }

    static func stamp(of url: URL) -> CounterState.FileStamp? {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #endif
        return CounterState.FileStamp(device: UInt64(status.st_dev), inode: UInt64(status.st_ino),
                                      size: Int64(status.st_size), modified: modified, head: 0)
    }
}

extension CounterState.FileStamp {
    /// Same file, same size, same modification time: nothing in it has changed.
    func sameFile(as other: Self) -> Bool {
        device == other.device && inode == other.inode && size == other.size && modified == other.modified
    }
}
