import BanTinKit
import Foundation

/// Problems go to standard error, one per line, as `file:line: severity: message`.
enum Terminal {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
