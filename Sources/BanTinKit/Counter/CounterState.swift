import Foundation

/// Everything the counter keeps between builds: the running totals and, per log, how far it was read.
/// Bounded in size: per-page views per day and the visitor keys behind "unique visitors" are kept for the
/// last `recentDayCount` days only; older days keep their two numbers. Visitors are kept as hashes of
/// address and user agent, never the addresses themselves.
public struct CounterState: Sendable, Equatable {
    public static let format = 1
    /// Long enough for the 30-day "most read" list and for logs that arrive a few days late.
    static let recentDayCount = 35

    public struct Day: Sendable, Equatable {
        public var views = 0
        /// Distinct (address, user agent) pairs with a view that day.
        public var visitors = 0
    }

    struct RecentDay: Sendable, Equatable {
        var viewsByPage: [String: Int] = [:]
        var visitorKeys: Set<UInt64> = []
    }

    /// How a fully read file looked, so an unchanged one (a rotated `.gz` above all) is not opened again.
    struct FileStamp: Sendable, Equatable, Codable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        /// The record of the log it holds (its head fingerprint).
        var head: UInt64
    }

    /// Newest log entry counted, seconds since 1970 UTC: the time of the snapshot.
    var newestEntry: Int64?
    /// Page views ever counted from logs (the baseline is added when shown).
    var totalViews = 0
    /// Canonical page URL → views ever.
    var viewsByPage: [String: Int] = [:]
    /// Day number (days since 1970-01-01, site time zone) → that day's figures.
    public var days: [Int: Day] = [:]
    var recentDays: [Int: RecentDay] = [:]
    /// Visitor key → time of their last view, for views within the online window of `newestEntry`.
    public var online: [UInt64: Int64] = [:]
    public var logs: [LogFileRecord] = []
    /// Path → how the file looked when last read to its end.
    var unchanged: [String: FileStamp] = [:]

    public init() {}
}

// MARK: - JSON form

/// The state file is JSON with sorted keys, so the same state is always the same bytes (a rebuild that
/// reads nothing new does not even rewrite it) and a person can read it. Days are "2026-11-25", hashes
/// 16 hex digits, a day's visitor keys one base64 text of sorted 8-byte numbers.
extension CounterState: Codable {
    private struct Stored: Codable {
        var format: Int
        var newestEntry: String?
        var totalViews: Int
        var viewsByPage: [String: Int]
        var days: [String: StoredDay]
        var recentDays: [String: StoredRecentDay]
        var online: [String: Int64]
        var logs: [StoredLog]
        var unchanged: [String: StoredStamp]
    }

    private struct StoredDay: Codable { var views: Int; var visitors: Int }
    private struct StoredRecentDay: Codable { var viewsByPage: [String: Int]; var visitorKeys: String }
    private struct StoredLog: Codable {
        var head: String; var headLength: Int; var start: String; var offset: Int; var name: String; var lastSeen: String
    }
    private struct StoredStamp: Codable {
        var device: UInt64; var inode: UInt64; var size: Int64; var modified: Int64; var head: String
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    public init(from decoder: Decoder) throws {
        let stored = try Stored(from: decoder)
        guard stored.format == Self.format else {
            throw FormatError(description: "state format \(stored.format) is not the format \(Self.format) this bantin writes")
        }
        func day(_ text: String) throws -> Int {
            guard let day = CivilDate.parse(text) else { throw FormatError(description: "\"\(text)\" is not a day") }
            return day
        }
        func hash(_ text: String) throws -> UInt64 {
            guard let value = StableHash.parseHex(text) else { throw FormatError(description: "\"\(text)\" is not a hash") }
            return value
        }
        self.init()
        if let text = stored.newestEntry {
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw FormatError(description: "newestEntry \"\(text)\" is not a time")
            }
            newestEntry = Int64(date.timeIntervalSince1970)
        }
        totalViews = stored.totalViews
        viewsByPage = stored.viewsByPage
        for (text, value) in stored.days { days[try day(text)] = Day(views: value.views, visitors: value.visitors) }
        for (text, value) in stored.recentDays {
            guard let keys = Data(base64Encoded: value.visitorKeys), keys.count % 8 == 0 else {
                throw FormatError(description: "visitor keys of \(text) are damaged")
            }
            var set = Set<UInt64>(minimumCapacity: keys.count / 8)
            keys.withUnsafeBytes { raw in
                for offset in stride(from: 0, to: raw.count, by: 8) {
                    set.insert(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                }
            }
            recentDays[try day(text)] = RecentDay(viewsByPage: value.viewsByPage, visitorKeys: set)
        }
        for (text, time) in stored.online { online[try hash(text)] = time }
        logs = try stored.logs.map {
            LogFileRecord(head: try hash($0.head), headLength: $0.headLength, start: try hash($0.start),
                          offset: $0.offset, name: $0.name, lastSeenDay: try day($0.lastSeen))
        }
        for (path, stamp) in stored.unchanged {
            unchanged[path] = FileStamp(device: stamp.device, inode: stamp.inode, size: stamp.size,
                                        modified: stamp.modified, head: try hash(stamp.head))
        }
    }

    public func encode(to encoder: Encoder) throws {
        let formatter = ISO8601DateFormatter()
        let stored = Stored(
            format: Self.format,
            newestEntry: newestEntry.map { formatter.string(from: Date(timeIntervalSince1970: TimeInterval($0))) },
            totalViews: totalViews,
            viewsByPage: viewsByPage,
            days: Dictionary(uniqueKeysWithValues: days.map { (CivilDate.text(days: $0.key), StoredDay(views: $0.value.views, visitors: $0.value.visitors)) }),
            recentDays: Dictionary(uniqueKeysWithValues: recentDays.map { day, value in
                var data = Data(capacity: value.visitorKeys.count * 8)
                for key in value.visitorKeys.sorted() { withUnsafeBytes(of: key.littleEndian) { data.append(contentsOf: $0) } }
                return (CivilDate.text(days: day), StoredRecentDay(viewsByPage: value.viewsByPage, visitorKeys: data.base64EncodedString()))
            }),
            online: Dictionary(uniqueKeysWithValues: online.map { (StableHash.hex($0.key), $0.value) }),
            logs: logs.map {
                StoredLog(head: StableHash.hex($0.head), headLength: $0.headLength, start: StableHash.hex($0.start),
                          offset: $0.offset, name: $0.name, lastSeen: CivilDate.text(days: $0.lastSeenDay))
            },
            unchanged: unchanged.mapValues {
                StoredStamp(device: $0.device, inode: $0.inode, size: $0.size, modified: $0.modified, head: StableHash.hex($0.head))
            })
        try stored.encode(to: encoder)
    }
}
