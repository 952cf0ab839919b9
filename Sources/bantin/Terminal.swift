import BanTinKit
import Foundation

/// Problems go to standard error, one per line, as `file:line: severity: message`.
enum Terminal {
    /// By file, then line, so an editor can walk through them in order.
    static func print(_ diagnostics: [Diagnostic]) {
        let ordered = diagnostics.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.file != b.file { return a.file < b.file }
            if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
            return left.offset < right.offset
        }
        for diagnostic in ordered { error(diagnostic.element.description) }
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
