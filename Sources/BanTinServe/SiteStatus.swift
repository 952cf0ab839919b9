import BanTinKit
import Foundation

/// The outcome of the latest build, read by every request: while it failed, pages show the errors.
final class SiteStatus: @unchecked Sendable {
    private var problems: [Diagnostic]?
    private var basePath = "/"
    private let lock = NSLock()

    var failure: [Diagnostic]? { lock.withLock { problems } }
    var sitePath: String { lock.withLock { basePath } }

    func succeeded(basePath: String) {
        lock.withLock {
            problems = nil
            self.basePath = basePath
        }
    }

    func failed(_ diagnostics: [Diagnostic]) {
        lock.withLock { problems = diagnostics }
    }
}
