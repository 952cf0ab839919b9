import BanTinKit
import Foundation

/// Problems go to standard error, one per line, as `file:line: severity: message`.
enum Terminal {
    /// Chosen once at the start of a command (`ProjectOptions.language()`), before anything is said.
    nonisolated(unsafe) static var language = Language.vi

    /// A command's one-line description in both languages: `--help` is read before any language is chosen.
    static func bilingual(_ key: String) -> String {
        Message(key).rendered(in: .vi) + " / " + Message(key).rendered(in: .en)
    }

    /// `message` in the chosen language.
    static func say(_ message: Message) -> String { message.rendered(in: language) }

    /// By file, then line, so an editor can walk through them in order.
    static func print(_ diagnostics: [Diagnostic]) {
        let ordered = diagnostics.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.file != b.file { return a.file < b.file }
            if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
            return left.offset < right.offset
        }
        for diagnostic in ordered { error(diagnostic.element.rendered(in: language)) }
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
