import Foundation

/// File names compared as text, not bytes: macOS writes "Hội nghị.jpg" decomposed (NFD), editors type it
/// composed (NFC), and on Linux the two spellings are different names. Every name bantin looks up on disk goes
/// through here, so any spelling finds the file.
enum NFCNames {
    /// The file `relative` ("2026/Hội nghị.jpg") names under `root`, as it is spelt on disk: the path as given
    /// when it exists, else each missing part found among its folder's entries by its NFC form.
    static func onDisk(_ relative: String, under root: URL) -> URL {
        let direct = root.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: direct.path) { return direct }
        var found = root
        for part in relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            let next = found.appendingPathComponent(part)
            if FileManager.default.fileExists(atPath: next.path) {
                found = next
                continue
            }
            let wanted = part.precomposedStringWithCanonicalMapping
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: found.path)) ?? []
            guard let match = entries.sorted().first(where: { $0.precomposedStringWithCanonicalMapping == wanted }) else {
                return direct
            }
            found = found.appendingPathComponent(match)
        }
        return found
    }
}
