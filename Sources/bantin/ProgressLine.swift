import BanTinKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line on standard error that a long build keeps rewriting ("read 10002 files, rendered 812/26530 pages").
/// Shown only on a terminal, only once the build has taken a second, and at most ten times a second, so
/// quick builds, CI logs and `--quiet` stay clean.
final class ProgressLine: @unchecked Sendable {
    private let start = Date()
    private var lastShown = Date.distantPast
    private var shown = false
    private let lock = NSLock()

    static var isAvailable: Bool { isatty(STDERR_FILENO) == 1 }

    func update(_ progress: Build.Progress) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastShown) > 0.1 else { return }
            lastShown = now
            shown = true
            let text = Terminal.say(Message(progress.pagesToRender > 0 ? "cli.progressPages" : "cli.progress", [
                "files": .count(progress.filesRead), "done": .count(progress.pagesRendered), "total": .count(progress.pagesToRender)]))
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }

    /// Clears the line so the summary or the errors start on a clean one.
    func finish() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }
}
