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
        /// The other build has held the lock longer than any build takes (hung, most likely): not a reason to
        /// try again later, but a failure someone must see (`bantin build` exits 1, not 75).
        public var isStuck = false
        public var description: String { message.description }
    }

    /// How long a build may hold a lock before the others call it stuck: far longer than a whole build of a
    /// large site with all its photos takes.
    public static let defaultPatience: TimeInterval = 3600

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
    /// A build that finds the lock held since more than `patience` seconds ago, or waits for it that long, stops
    /// with `Busy.isStuck`.
    static func acquire(_ file: URL, what: Message, policy: Policy, patience: TimeInterval = defaultPatience,
                               waiting: ((Message) -> Void)? = nil) throws -> BuildLock {
        let what = Message.Argument.message(what), path = Message.Argument.text(file.path)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Busy(file: file.path, message: Message("lock.cannotMake", ["file": path, "what": what,
                                                                            "reason": .text(FileProblem.reason(errno))]))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return taken(file, descriptor) }
        guard errno == EWOULDBLOCK else {
            let reason = FileProblem.reason(errno)
            close(descriptor)
            throw Busy(file: file.path, message: Message("lock.cannotLock", ["file": path, "what": what, "reason": .text(reason)]))
        }
        let holder = Holder(descriptor)
        let now = Date()
        // Held since longer than any build takes: that build is hung, and every later one would stop or wait.
        if let holder, now.timeIntervalSince(holder.started) > patience {
            close(descriptor)
            throw stuck(holder, since: now.timeIntervalSince(holder.started), file: file, what: what)
        }
        guard policy == .wait else {
            close(descriptor)
            throw Busy(file: file.path, message: Message("lock.busy", ["file": path, "what": what]))
        }
        waiting?(Message("lock.waiting", ["what": what]))
        // Polled rather than blocking in flock, so a wait that lasts too long ends with a failure that says so.
        let deadline = (holder?.started ?? now).addingTimeInterval(patience)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = FileProblem.reason(errno)
                close(descriptor)
                throw Busy(file: file.path, message: Message("lock.cannotLock", ["file": path, "what": what, "reason": .text(reason)]))
            }
            if Date() > deadline {
                let current = Holder(descriptor) ?? Holder(pid: 0, started: now)
                close(descriptor)
                throw stuck(current, since: Date().timeIntervalSince(min(current.started, now)), file: file, what: what)
            }
            usleep(100_000)
        }
        return taken(file, descriptor)
    }

    /// Who holds a lock, as the holder wrote it into the lock file: its process and when it took the lock.
    struct Holder {
        var pid: Int32
        var started: Date

        init(pid: Int32, started: Date) {
            self.pid = pid
            self.started = started
        }

        /// Nil when the file says nothing (a lock taken by an older bantin).
        init?(_ descriptor: Int32) {
            var bytes = [UInt8](repeating: 0, count: 64)
            let count = pread(descriptor, &bytes, bytes.count, 0)
            guard count > 0 else { return nil }
            let fields = String(decoding: bytes[0..<count], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
            guard fields.count >= 2, let pid = Int32(fields[0]), let seconds = Double(fields[1]) else { return nil }
            self.init(pid: pid, started: Date(timeIntervalSince1970: seconds))
        }
    }

    /// The lock is this build's: it says so in the file (process and time), for the builds that find it held.
    private static func taken(_ file: URL, _ descriptor: Int32) -> BuildLock {
        let text = Array("\(getpid()) \(Int(Date().timeIntervalSince1970))\n".utf8)
        if ftruncate(descriptor, 0) == 0 { _ = pwrite(descriptor, text, text.count, 0) }
        return BuildLock(file: file, descriptor: descriptor)
    }

    private static func stuck(_ holder: Holder, since seconds: TimeInterval, file: URL, what: Message.Argument) -> Busy {
        var busy = Busy(file: file.path, message: Message("lock.stuck", [
            "what": what, "file": .text(file.path), "minutes": .count(Int(seconds / 60)), "pid": .text(String(holder.pid))]))
        busy.isStuck = true
        return busy
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
        return taken(file, descriptor)
    }
}
