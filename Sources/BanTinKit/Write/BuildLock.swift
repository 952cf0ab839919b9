import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One build at a time on an output folder or a counter state: an advisory `flock` on a lock file beside it.
/// The kernel releases the lock when its process ends, however it ends, so a killed build never leaves a stale
/// lock behind (as a PID file would); the lock file itself stays, empty, and is never removed (removing it
/// would let two builds lock two different files of the same name).
public final class BuildLock: Sendable {
    /// What a build does when another holds the lock.
    public enum Policy: Sendable {
        /// Wait for the other build to finish (the default: a timer build and an operator's build queue up).
        case wait
        /// Give up at once (`bantin build --no-wait`).
        case fail
    }

    /// Another build holds the lock and the policy is `.fail`; or the lock file cannot be made at all.
    public struct Busy: Error, CustomStringConvertible {
        public var file: String
        public var message: Message
        public var description: String { message.description }
    }

    public let file: URL
    private let descriptor: Int32

    private init(file: URL, descriptor: Int32) {
        self.file = file
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The lock file of an output folder: `.public.lock` beside `public/` (the output itself is swapped whole).
    public static func file(forOutput output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock")
    }

    /// The lock file of a counter state file: `.visits.json.lock` beside `visits.json`.
    public static func file(forState state: URL) -> URL {
        state.deletingLastPathComponent().appendingPathComponent(".\(state.lastPathComponent).lock")
    }

    /// Takes the lock of `file`, making it (and its folder) when missing. `what` names the locked thing in
    /// messages ("public/"); `waiting` is told once when another build holds it and this one waits.
    static func acquire(_ file: URL, what: Message, policy: Policy,
                               waiting: ((Message) -> Void)? = nil) throws -> BuildLock {
        let what = Message.Argument.message(what), path = Message.Argument.text(file.path)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Busy(file: file.path, message: Message("lock.cannotMake", ["file": path, "what": what,
                                                                            "reason": .text(FileProblem.reason(errno))]))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return BuildLock(file: file, descriptor: descriptor) }
        guard errno == EWOULDBLOCK else {
            let reason = FileProblem.reason(errno)
            close(descriptor)
            throw Busy(file: file.path, message: Message("lock.cannotLock", ["file": path, "what": what, "reason": .text(reason)]))
        }
        guard policy == .wait else {
            close(descriptor)
            throw Busy(file: file.path, message: Message("lock.busy", ["file": path, "what": what]))
        }
        waiting?(Message("lock.waiting", ["what": what]))
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = FileProblem.reason(errno)
                close(descriptor)
                throw Busy(file: file.path, message: Message("lock.cannotLock", ["file": path, "what": what, "reason": .text(reason)]))
            }
        }
        return BuildLock(file: file, descriptor: descriptor)
    }

    /// The lock when no other build holds it; nil at once when one does (`bantin serve` saving the counter).
    static func attempt(_ file: URL) -> BuildLock? {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return BuildLock(file: file, descriptor: descriptor)
    }
}
