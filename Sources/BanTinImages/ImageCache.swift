import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encoded files kept between builds under `.bantin/images/`, so unchanged photos are never encoded twice.
///
/// One folder per source image and settings: `<key>/entry.json` lists the files, each stored as
/// `<sha256>.<ext>`. The key hashes the source's bytes, the settings, libvips' version and this layout's version,
/// so any change to one of them makes a new entry. An entry is read back only when every file has the size and
/// CRC-32 the entry records; otherwise it is encoded again and replaced. A whole entry appears at once (written
/// in a temporary folder, then renamed), so an interrupted build leaves no half entry. Deleting the folder is safe.
struct ImageCache {
    let directory: URL

    /// Raised whenever the layout or the encoder's fixed choices change what an entry holds (4: JPEGs at least
    /// twice as wide as needed are shrunk by libjpeg on load, `ImageEncoder.jpegShrink`).
    static let layoutVersion = 4

    struct Entry: Codable, Sendable {
        struct File: Codable, Sendable {
            var role: EncodedFile.Role
            var format: ImageFormat
            var width: Int
            var height: Int
            var byteCount: Int
            var sha256: String
            /// Checked on every read (SHA-256 names the file; CRC-32 is what is fast enough to check each build).
            var crc32: UInt32
        }

        var sourceFormat: ImageFormat
        var width: Int
        var height: Int
        var hasAlpha: Bool
        var files: [File]
    }

    func key(sourceSHA256: String, settings: ImageSettings) -> String {
        let recipe = [
            "bantin-images \(Self.layoutVersion)", "vips \(Vips.version)", settings.fingerprint,
            "jpeg-progressive \(ImageEncoder.progressiveJPEG) webp-effort \(ImageEncoder.webpEffort) avif-effort \(ImageEncoder.avifEffort)",
            "source \(sourceSHA256)",
        ].joined(separator: "\n")
        // 32 hex digits (128 bits) are plenty for a folder name.
        return String(Vips.sha256(Data(recipe.utf8)).prefix(32))
    }

    func folder(_ key: String) -> URL { directory.appendingPathComponent(key, isDirectory: true) }

    func fileURL(_ key: String, _ file: Entry.File) -> URL {
        folder(key).appendingPathComponent("\(file.sha256).\(file.format.fileExtension)")
    }

    enum Lookup {
        case absent
        /// Present but not trustworthy (missing file, wrong size or hash, unreadable entry): encode again.
        case damaged
        case valid(Entry)
    }

    /// The entry for `key`, after checking every file's size and CRC-32.
    func lookup(_ key: String) -> Lookup {
        let entryURL = folder(key).appendingPathComponent("entry.json")
        guard let json = try? Data(contentsOf: entryURL) else {
            return FileManager.default.fileExists(atPath: folder(key).path) ? .damaged : .absent
        }
        guard let entry = try? JSONDecoder().decode(Entry.self, from: json), !entry.files.isEmpty else { return .damaged }
        for file in entry.files {
            guard let data = try? Data(contentsOf: fileURL(key, file), options: .mappedIfSafe),
                  data.count == file.byteCount, Vips.crc32(data) == file.crc32 else { return .damaged }
        }
        return .valid(entry)
    }

    /// Removes temporary folders left by a build that was killed while storing, once they are an hour old
    /// (a younger one may belong to a build still running beside this one).
    func removeLeftovers(olderThan age: TimeInterval = 3600) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".tmp-") || name.hasPrefix(".old-") {
            let url = directory.appendingPathComponent(name)
            let modified = (try? manager.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
            if let modified, Date().timeIntervalSince(modified) > age { try? manager.removeItem(at: url) }
        }
    }

    /// Writes `image` as the entry for `key`, replacing a damaged one; returns what was written.
    func store(_ key: String, _ image: EncodedImage) throws -> Entry {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".tmp-\(UUID().uuidString)", isDirectory: true)
        try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
        defer { try? manager.removeItem(at: temporary) }

        var files: [Entry.File] = []
        var written: Set<String> = []
        for file in image.files {
            let record = Entry.File(role: file.role, format: file.format, width: file.width, height: file.height,
                                    byteCount: file.data.count, sha256: file.sha256, crc32: Vips.crc32(file.data))
            files.append(record)
            let name = "\(file.sha256).\(file.format.fileExtension)"
            if written.insert(name).inserted {
                try file.data.write(to: temporary.appendingPathComponent(name))
            }
        }
        let entry = Entry(sourceFormat: image.sourceFormat, width: image.width, height: image.height,
                          hasAlpha: image.hasAlpha, files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(entry).write(to: temporary.appendingPathComponent("entry.json"))

        let target = folder(key)
        if manager.fileExists(atPath: target.path) {
            // A damaged entry: moved aside first, since a folder cannot be renamed over a non-empty one.
            let aside = directory.appendingPathComponent(".old-\(UUID().uuidString)", isDirectory: true)
            if rename(target.path, aside.path) == 0 { try? manager.removeItem(at: aside) }
        }
        if rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            // Another build stored the same entry first: theirs holds the same bytes.
            if case .valid(let theirs) = lookup(key) { return theirs }
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path,
                                                           NSLocalizedDescriptionKey: reason])
        }
        return entry
    }
}
