#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads and writes the counter's state file. Writes are atomic (a temporary file renamed over the old one),
/// and the state before each write is kept as `<name>.previous`. A damaged state file is never silently
/// replaced: it is kept aside as `<name>.corrupt-<time>`, reported, and the previous state is used if it reads.
struct CounterStore: Sendable {
    let url: URL
    /// How paths appear in messages.
    let display: @Sendable (URL) -> String

    init(url: URL, display: @escaping @Sendable (URL) -> String = { $0.path }) {
        self.url = url
        self.display = display
    }

    var previousURL: URL { url.appendingPathExtension("previous") }

    public struct Loaded: Sendable {
        public var state: CounterState
        /// False when the file exists but could not be read: saving would overwrite counts we could not see.
        var canSave: Bool
        public var diagnostics: [Diagnostic]
        /// The file was damaged and moved aside: the state must be written even if nothing new is counted.
        var replacesDamagedFile = false
        /// The file's bytes as read (nil: there was none, or it was moved aside), to save only over them.
        public var bytes: Data?
    }

    /// `now` names the file a damaged state is kept aside as.
    func load(now: Date = Date()) -> Loaded {
        let manager = FileManager.default
        guard manager.fileExists(atPath: url.path) else {
            // Gone while its copy from before the last save is there (deleted by hand, lost in a restore): going on
            // from that copy, said, rather than from the baseline with the logs already rotated away.
            if let data = try? Data(contentsOf: previousURL), let previous = try? Self.decode(data) {
                return Loaded(state: previous, canSave: true, diagnostics: [
                    .warning(display(url), Message("counter.stateMissingPrevious", ["previous": .text(display(previousURL))])),
                ], replacesDamagedFile: true)
            }
            return Loaded(state: CounterState(), canSave: true, diagnostics: [])
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return Loaded(state: CounterState(), canSave: false, diagnostics: [
                .warning(display(url), Message("counter.stateUnreadable", ["reason": "\(error.localizedDescription)"])),
            ])
        }
        do {
            return Loaded(state: try Self.decode(data), canSave: true, diagnostics: [], bytes: data)
        } catch let error as CounterState.FormatError where error.description.hasPrefix("state format") {
            // A newer bantin wrote it: not damaged, just not ours to overwrite.
            return Loaded(state: CounterState(), canSave: false, diagnostics: [
                .warning(display(url), Message("counter.stateLeftOut", ["problem": "\(error.description)"])),
            ])
        } catch {
            return recoverFromDamage(error, now: now)
        }
    }

    private func recoverFromDamage(_ error: Error, now: Date) -> Loaded {
        let stamp = Self.fileTimestamp(now)
        let aside = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".corrupt-" + stamp)
        var diagnostics: [Diagnostic] = []
        do {
            try FileManager.default.moveItem(at: url, to: aside)
        } catch {
            return Loaded(state: CounterState(), canSave: false, diagnostics: [
                .warning(display(url), Message("counter.stateDamagedStuck", ["damage": "\(Self.describe(error))", "reason": "\(error.localizedDescription)"])),
            ])
        }
        let damage: [String: Message.Argument] = ["damage": "\(Self.describe(error))", "aside": "\(display(aside))"]
        if let data = try? Data(contentsOf: previousURL), let previous = try? Self.decode(data) {
            diagnostics.append(.warning(display(url), Message("counter.stateDamagedPrevious", damage.merging(["previous": "\(display(previousURL))"]) { a, _ in a })))
            return Loaded(state: previous, canSave: true, diagnostics: diagnostics, replacesDamagedFile: true)
        }
        diagnostics.append(.warning(display(url), Message("counter.stateDamagedRestart", damage)))
        return Loaded(state: CounterState(), canSave: true, diagnostics: diagnostics, replacesDamagedFile: true)
    }

    /// Writes `state` unless the file already holds exactly it. Returns whether it wrote.
    @discardableResult
    func save(_ state: CounterState) throws -> Bool {
        let data = try Self.encode(state)
        if let existing = try? Data(contentsOf: url), existing == data { return false }
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try Self.writeDurably(data, to: temporary)
        if FileManager.default.fileExists(atPath: url.path) {
            // Keep the state before this write; a hard link costs nothing and leaves `url` in place throughout.
            let previousTemporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).previous.tmp")
            try? FileManager.default.removeItem(at: previousTemporary)
            if link(url.path, previousTemporary.path) != 0 {
                try? FileManager.default.copyItem(at: url, to: previousTemporary)
            }
            if rename(previousTemporary.path, previousURL.path) != 0 { try? FileManager.default.removeItem(at: previousTemporary) }
        } else if !FileManager.default.fileExists(atPath: previousURL.path) {
            // The first save: the state before it (nothing counted) is kept too, so a state lost after one build
            // is said and counted again from the logs, never restarted from the baseline in silence.
            try? Self.writeDurably(try Self.encode(CounterState()), to: previousURL)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot replace \(url.path): \(reason)"])
        }
        // The rename is in the folder's entries: flushed too, or a power cut could bring back the old state.
        let directory = open(folder.path, O_RDONLY | O_CLOEXEC)
        if directory >= 0 { fsync(directory); close(directory) }
        removeAbandonedTemporaries(in: folder)
        return true
    }

    /// Temporary files of saves killed before their rename: `url` never saw them, and their process is gone,
    /// so nobody will finish them.
    private func removeAbandonedTemporaries(in folder: URL) {
        let prefix = ".\(url.lastPathComponent)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            guard let owner = pid_t(name.dropFirst(prefix.count).prefix { $0.isNumber }), owner != getpid(),
                  kill(owner, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    static func encode(_ state: CounterState) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(state)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    static func decode(_ data: Data) throws -> CounterState {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(CounterState.self, from: data)
    }

    /// Written and flushed to the disk before it is renamed into place, so a crash cannot leave a torn file.
    private static func writeDurably(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot create \(url.path): \(String(cString: strerror(errno)))"])
        }
        defer { close(descriptor) }
        let complete = data.withUnsafeBytes { bytes -> Bool in
            var done = 0
            while done < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                done += count
            }
            return true
        }
        guard complete, fsync(descriptor) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot write \(url.path): \(String(cString: strerror(errno)))"])
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case let error as CounterState.FormatError: error.description
        case DecodingError.dataCorrupted(let context): "not valid JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): "\"\(key.stringValue)\" is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }

    /// "20261125T010203Z": sorts by time, and has no characters a file name cannot take.
    static func fileTimestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, inDay) = (seconds.quotientAndRemainder(dividingBy: 86_400))
        let (year, month, day) = CivilDate.date(days: inDay < 0 ? days - 1 : days)
        let time = inDay < 0 ? inDay + 86_400 : inDay
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", year, month, day, time / 3600, time / 60 % 60, time % 60)
    }
}
