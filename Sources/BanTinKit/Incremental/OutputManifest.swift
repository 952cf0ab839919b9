import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the output folder holds, written into it as `.bantin-manifest` by every build: each file's
/// fingerprint (the hash of what it was made from: a page's template and context, a copied file's bytes)
/// and, for copied files, their source's signature so unchanged images are not read again.
/// One entry a line, sorted, no dates: the same inputs always give the same manifest, so an incremental
/// build and a clean one leave byte-identical folders.
public struct OutputManifest: Sendable, Equatable {
    static let fileName = ".bantin-manifest"
    static let header = "bantin-manifest 1"

    public struct Entry: Sendable, Equatable {
        public var fingerprint: UInt64
        /// For a copied file: where it came from and that file's signature when it was hashed.
        public var source: String?
        public var signature: FileSignature?
        /// False when the output's file is missing or was changed after the manifest was written (by hand, by
        /// another program): the build writes it again whatever its fingerprint says. Not part of the text.
        var isIntact = true

        public init(fingerprint: UInt64, source: String? = nil, signature: FileSignature? = nil) {
            self.fingerprint = fingerprint
            self.source = source
            self.signature = signature
        }
    }

    public var entries: [String: Entry] = [:]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    public var text: String {
        var text = Self.header + "\n"
        text.reserveCapacity(entries.count * 64)
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            text += ContentHash.hex(entry.fingerprint)
            text += "\t"
            text += Self.escape(path)
            if let source = entry.source, let signature = entry.signature {
                text += "\t" + Self.escape(source) + "\t" + signature.description
            }
            text += "\n"
        }
        return text
    }

    /// Nil for anything that is not a manifest of this version: the build then starts afresh.
    public init?(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Split on bytes: splitting the String by Characters took 0.2 s of a 0.3 s read at 23,600 lines.
    init?(bytes: [UInt8]) {
        let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
        var lines = bytes.split(separator: newline)
        guard let first = lines.first, first.elementsEqual(Self.header.utf8) else { return nil }
        lines.removeFirst()
        entries.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.split(separator: tab, omittingEmptySubsequences: false)
            guard fields.count == 2 || fields.count == 4, let fingerprint = Self.hexNumber(fields[0]) else { return nil }
            var entry = Entry(fingerprint: fingerprint)
            if fields.count == 4 {
                entry.source = Self.field(fields[2])
                entry.signature = FileSignature(Substring(String(decoding: fields[3], as: UTF8.self)))
            }
            entries[Self.field(fields[1])] = entry
        }
    }

    private static func hexNumber(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt64(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return value
    }

    /// The output's manifest, each entry checked against the file it describes (`isIntact`).
    public static func read(from output: URL) -> OutputManifest? {
        readHashed(from: output)?.manifest
    }

    /// The manifest and the hash of its bytes (`ContentHash.of(manifest.text)` without writing the text again).
    static func readHashed(from output: URL) -> (manifest: OutputManifest, hash: UInt64)? {
        let path = output.appendingPathComponent(fileName).path
        guard let data = FileManager.default.contents(atPath: path),
              var manifest = OutputManifest(bytes: [UInt8](data)) else { return nil }
        guard let written = changeTime(path) else { return nil }
        manifest.markChangedFiles(in: output, writtenAt: written)
        return (manifest, ContentHash.of(data))
    }

    /// Marks the entries whose file is missing, not a plain file, or changed after `written` (the manifest's
    /// own change time). Every build writes the manifest after the files it lists (and moves it in last), so
    /// a file whose status changed later was touched by someone else. The status change time (ctime), not the
    /// modification time: copying a file back with its old date (`cp -p`, `rsync -t`, `touch -d`) still sets it.
    /// One `lstat` a file, on every core (30,000 files: a few hundredths of a second).
    mutating func markChangedFiles(in output: URL, writtenAt written: Int64) {
        let paths = Array(entries.keys)
        let root = output.standardizedFileURL.path + "/"
        let changed = Parallel.map(paths.count) { index -> Bool in
            guard let time = Self.changeTime(root + paths[index], regularOnly: true) else { return true }
            return time > written
        }
        for (index, isChanged) in changed.enumerated() where isChanged { entries[paths[index]]?.isIntact = false }
    }

    /// A file's status change time in nanoseconds (nil when it is missing, or with `regularOnly` not a plain file).
    static func changeTime(_ path: String, regularOnly: Bool = false) -> Int64? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if regularOnly, info.st_mode & S_IFMT != S_IFREG { return nil }
        return info.changedNanoseconds
    }

    /// Tabs, line breaks and "%" in file names would break the line format.
    static func escape(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    /// An escaped field's bytes as text, looking for "%" in the bytes (looking in the String, by Characters,
    /// took 3 µs a line: 0.1 s of a 23,600-line manifest).
    static func field(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(0x25) ? unescape(Substring(text)) : text
    }

    static func unescape(_ field: Substring) -> String {
        guard field.contains("%") else { return String(field) }
        return field.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
    }
}
