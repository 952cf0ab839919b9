/// What the counter remembers of one log it has read: which log it is (by content, not by name) and how far
/// it was read. Logs are recognised by a fingerprint of their first bytes, decompressed, because a name says
/// nothing: `access.log` is a new log after every rotation, and `access.log.1` and `access.log.2.gz` are
/// the same old one under other names.
public struct LogFileRecord: Sendable, Equatable {
    /// Fingerprint of the log's first `headLength` bytes (at most `LogIdentity.headLength`).
    public var head: UInt64
    public var headLength: Int
    /// Fingerprint of the first `LogIdentity.startLength` bytes (or of the whole head when shorter).
    public var start: UInt64
    /// Bytes read: everything before is counted, everything after is new.
    public var offset: Int
    /// The path it was last read under, for people reading the state file.
    public var name: String
    /// Day (site time zone) of the newest entry when the log was last seen; old records are forgotten.
    public var lastSeenDay: Int

    public init(head: UInt64, headLength: Int, start: UInt64, offset: Int, name: String, lastSeenDay: Int) {
        self.head = head; self.headLength = headLength; self.start = start
        self.offset = offset; self.name = name; self.lastSeenDay = lastSeenDay
    }
}

/// Fingerprints and the rule that matches a file to a record.
enum LogIdentity {
    /// How much of a log identifies it: enough for dozens of lines, each with its own time and address.
    static let headLength = 4096
    /// A log shorter than its record's head is still recognised by this much (a shorter copy made earlier).
    static let startLength = 512

    struct Fingerprint: Sendable, Equatable {
        var head: UInt64
        var headLength: Int
        var start: UInt64
    }

    /// The fingerprint of a log whose first bytes are `head` (up to `headLength` of them).
    static func fingerprint(_ head: [UInt8]) -> Fingerprint {
        let length = min(head.count, headLength)
        return head.withUnsafeBufferPointer { bytes in
            Fingerprint(head: StableHash.of(UnsafeBufferPointer(rebasing: bytes[0..<length])), headLength: length,
                        start: StableHash.of(UnsafeBufferPointer(rebasing: bytes[0..<min(length, startLength)])))
        }
    }

    /// The record of the log that starts with `head`, if it was read before. A file is that log when its first
    /// bytes are the ones fingerprinted; when several records match, the longest fingerprint wins.
    /// A file shorter than a record's head matches by its first `startLength` bytes: it is a copy of that log
    /// taken earlier, whose lines were all read already.
    static func match(_ head: [UInt8], in records: [LogFileRecord]) -> Int? {
        guard !head.isEmpty else { return nil }
        var best: (index: Int, rank: (Int, Int, Int))?
        head.withUnsafeBufferPointer { bytes in
            var hashes: [Int: UInt64] = [:]
            func hash(_ length: Int) -> UInt64 {
                if let known = hashes[length] { return known }
                let value = StableHash.of(UnsafeBufferPointer(rebasing: bytes[0..<length]))
                hashes[length] = value
                return value
            }
            for (index, record) in records.enumerated() {
                let full = record.headLength <= bytes.count
                let matches: Bool
                if full {
                    matches = hash(record.headLength) == record.head
                } else if bytes.count >= startLength, record.headLength >= startLength {
                    matches = hash(startLength) == record.start
                } else {
                    matches = false
                }
                // A whole-head match beats a start match; then the longer fingerprint, then the further offset.
                let rank = (full ? 1 : 0, record.headLength, record.offset)
                if matches, best == nil || rank > best!.rank { best = (index, rank) }
            }
        }
        return best?.index
    }
}
