import Foundation
import Yams

/// How the last `bantin build` went, kept where editors look rather than in the server's journal: the timer
/// rebuilds the portal every few minutes, and a failure there would otherwise only stop the site updating.
/// Two files in the project folder (beside content/), both rewritten by every build:
/// - `TRANG-THAI.txt`, in the editors' words: which file and line, since when, and that the portal still
///   shows the last good build (the shared folder editors open from Windows);
/// - `.bantin/build-status.json`, what `bantin status` and the next build read.
public struct BuildStatus: Codable, Sendable, Equatable {
    public var succeeded: Bool
    /// When this build ended.
    public var time: Date
    /// The last build that succeeded (this one when it did); nil when none has yet.
    public var lastSuccess: Date?
    /// The first failed build of the failures in a row that ends with this one.
    public var failingSince: Date?
    /// Failed builds in a row, this one included (0 after a success).
    public var failuresInARow: Int
    /// What stopped the build: every problem, errors first; empty after a success.
    public var problems: [Diagnostic]
    /// What stopped it when it was no mistake in a file (the disk, another build).
    public var reason: Message?
    /// The folder the build writes (public/): the one the portal serves.
    public var output: String

    public static let textName = "TRANG-THAI.txt"

    public static func jsonFile(project: URL) -> URL { project.appendingPathComponent(".bantin/build-status.json") }
    public static func textFile(project: URL) -> URL { project.appendingPathComponent(textName) }

    /// The project folder of a content folder: the one that holds it.
    public static func project(content: URL) -> URL { content.standardizedFileURL.deletingLastPathComponent() }

    public static func load(project: URL) -> BuildStatus? {
        guard let data = FileManager.default.contents(atPath: jsonFile(project: project).path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(BuildStatus.self, from: data)
    }

    /// This build's outcome, carried on from the previous one's (since when it fails, the last good build).
    public static func after(_ previous: BuildStatus?, succeeded: Bool, problems: [Diagnostic] = [], reason: Message? = nil,
                             output: String, now: Date) -> BuildStatus {
        let failing = !succeeded
        let errorsFirst = problems.filter { $0.severity == .error } + problems.filter { $0.severity != .error }
        return BuildStatus(
            succeeded: succeeded, time: now,
            lastSuccess: succeeded ? now : previous?.lastSuccess,
            failingSince: failing ? ((previous?.succeeded == false ? previous?.failingSince : nil) ?? now) : nil,
            failuresInARow: failing ? ((previous?.succeeded == false ? previous?.failuresInARow ?? 0 : 0) + 1) : 0,
            problems: failing ? errorsFirst : [], reason: failing ? reason : nil, output: output)
    }

    /// Writes both files. A status that cannot be written must not fail the build it reports on: the
    /// reason is returned for the terminal instead.
    @discardableResult
    public func save(project: URL, language: Language, timeZone: TimeZone) -> Error? {
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .secondsSince1970
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try FileManager.default.createDirectory(at: project.appendingPathComponent(".bantin"), withIntermediateDirectories: true)
            try encoder.encode(self).write(to: Self.jsonFile(project: project), options: .atomic)
            try Data(text(in: language, timeZone: timeZone).utf8).write(to: Self.textFile(project: project), options: .atomic)
            return nil
        } catch {
            return error
        }
    }

    /// The status in words: a heading line, when, what the portal shows, then each problem as `file:line: …`.
    public func text(in language: Language, timeZone: TimeZone) -> String {
        func when(_ date: Date) -> Message.Argument { .text(Self.clock(date, in: language, timeZone: timeZone)) }
        var lines: [Message] = []
        if succeeded {
            lines.append(Message("status.succeeded", ["time": when(time), "output": .text(output)]))
        } else {
            lines.append(failuresInARow > 1
                ? Message("status.failed", ["count": .count(failuresInARow), "time": when(time), "since": when(failingSince ?? time)])
                : Message("status.failedOnce", ["time": when(time)]))
            lines.append(lastSuccess.map { Message("status.stillShowing", ["time": when($0), "output": .text(output)]) }
                         ?? Message("status.neverBuilt", ["output": .text(output)]))
            if let reason { lines.append(Message("status.reason", ["reason": .message(reason)])) }
            if !problems.isEmpty { lines.append(Message("status.fix", ["count": .count(problems.filter { $0.severity == .error }.count)])) }
        }
        return (lines.map { $0.rendered(in: language) } + problems.map { $0.rendered(in: language) }).joined(separator: "\n") + "\n"
    }

    /// "08:45 ngày 25/11/2026" / "2026-11-25 08:45", in the site's time zone.
    static func clock(_ date: Date, in language: Language, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let (year, month, day, hour, minute) = (c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
        return language == .vi
            ? String(format: "%02d:%02d ngày %02d/%02d/%04d", hour, minute, day, month, year)
            : String(format: "%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute)
    }

    /// `time_zone:` of site.yml read on its own (as `Language.configured`): a site.yml with errors elsewhere
    /// still has its failure told in its own time; the default zone otherwise.
    public static func timeZone(content: URL) -> TimeZone {
        let fallback = TimeZone(identifier: SiteConfig.defaultTimeZone) ?? .current
        guard let data = FileManager.default.contents(atPath: content.appendingPathComponent("site.yml").path),
              let node = try? Yams.compose(yaml: String(decoding: data, as: UTF8.self)),
              let name = node.mapping?["time_zone"]?.string else { return fallback }
        return TimeZone(identifier: name) ?? fallback
    }
}
