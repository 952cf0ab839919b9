import Foundation

/// A text file as the editor saved it, decoded and normalised so later stages see one form:
/// UTF-8 checked (legacy encodings are refused, never guessed), BOM removed, CRLF/CR → LF.
public struct SourceFile: Sendable, Hashable {
    /// The path shown in messages, relative to the project where possible.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = Self.normaliseLineEndings(text)
    }

    /// Decodes bytes as UTF-8 or reports the line of the first byte that is not.
    public static func decode(_ data: Data, path: String) throws(BuildFailure) -> SourceFile {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let content = data.starts(with: bom) ? data.dropFirst(3) : data[...]
        // Notepad's "Unicode": readable, but every byte check below would call it a legacy encoding.
        if content.starts(with: [0xFF, 0xFE]) || content.starts(with: [0xFE, 0xFF]) {
            throw BuildFailure([.error(path, line: 1, Message("file.utf16"))])
        }
        // A NUL byte is valid UTF-8 but ends the text for the C libraries after us (cmark-gfm read a body only up
        // to it, silently): refused like the other bytes a text file cannot hold.
        let nulOffset = content.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
        if let nulOffset {
            let line = content.prefix(nulOffset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw BuildFailure([.error(path, line: line, Message("file.nul"))])
        }
        // Almost every file is valid: one pass of the standard library's validation, no copy.
        // Put in NFC here, so site.yml, templates and articles typed with combining accents all read as one form.
        if let text = String(validating: content, as: UTF8.self) { return SourceFile(path: path, text: Composed.nfc(text)) }
        let bytes = [UInt8](content)
        if let badOffset = firstInvalidUTF8Offset(bytes) {
            let line = bytes[..<badOffset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let byte = String(format: "%02X", bytes[badOffset])
            throw BuildFailure([.error(path, line: line, Message("file.notUTF8", ["byte": "\(byte)"]))])
        }
        return SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
    }

    static func normaliseLineEndings(_ text: String) -> String {
        // memchr on the contiguous bytes: `utf8.contains` walked every file's bytes one index at a time (1 % of a build).
        var bytes = text
        let hasReturn = bytes.withUTF8 { buffer in buffer.baseAddress.map { memchr($0, 0x0D, buffer.count) != nil } ?? false }
        guard hasReturn else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Offset of the first byte of the first invalid UTF-8 sequence. A legacy letter followed by plain text
    /// ("N\u{E9}i" in TCVN3) is reported at the letter, not at the ASCII byte or line break after it.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            if bytes[(index + 1)..<(index + length)].contains(where: { $0 & 0xC0 != 0x80 }) { return index }
            // Overlong encodings and surrogates: let the standard decoder judge this one sequence.
            let sequence = bytes[index..<(index + length)]
            if String(validating: sequence, as: UTF8.self) == nil { return index }
            index += length
        }
        return nil
    }
}
