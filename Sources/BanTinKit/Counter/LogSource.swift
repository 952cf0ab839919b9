#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import Foundation

/// Why a log could not be read; becomes a warning naming the file.
struct LogReadError: Error, Sendable, CustomStringConvertible {
    var message: Message
    /// Not a log at all (a pipe, a device): a later build will not read it either.
    var isNotALog = false
    init(_ key: String, _ arguments: [String: Message.Argument] = [:]) { message = Message(key, arguments) }
    /// The reason an errno gives, said in words.
    init(_ key: String, errno code: Int32) { self.init(key, ["reason": .message(FileProblem.reasonMessage(code))]) }
    var description: String { message.rendered(in: .en) }
}

/// The bytes of one log file as a stream, decompressed when the file is gzip. Offsets everywhere in the
/// counter are positions in this decompressed stream, so `access.log.1` and its later `access.log.1.gz`
/// copy have the same offsets.
protocol LogSource: AnyObject {
    /// A gzip file is finished (it was compressed after rotation), so a last line without "\n" is complete.
    var isFinished: Bool { get }
    /// Fills `buffer` from the current position; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LogReadError) -> Int
    /// Moves forward `count` bytes; returns how many there were (fewer at the end of the stream).
    func skip(_ count: Int) throws(LogReadError) -> Int
}

enum LogSources {
    /// Opens `url`, recognising gzip by its first two bytes (not by the name: `access.log.2.gz` and a
    /// compressed file without the suffix both work).
    static func open(_ url: URL) throws(LogReadError) -> LogSource {
        let file = try PlainLogFile(path: url.path)
        var magic: [UInt8] = [0, 0]
        let count = magic.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress, 2, 0) }
        if count == 2, magic == [0x1f, 0x8b] { return try GzipLogFile(file: file) }
        return file
    }

    /// Up to `count` bytes from the start of the (decompressed) log: its fingerprint's input.
    static func head(_ url: URL, count: Int) throws(LogReadError) -> [UInt8] {
        let source = try open(url)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        while filled < count {
            let read: Int
            do {
                read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            } catch {
                // A damaged .gz still has the head it had: the lines before the damage are counted (and reported).
                if filled > 0 { break }
                throw error
            }
            if read == 0 { break }
            filled += read
        }
        return Array(buffer[0..<filled])
    }
}

/// A plain log file, read with POSIX calls: large sequential reads, and `lseek` to resume at an offset.
final class PlainLogFile: LogSource {
    let descriptor: Int32
    let path: String
    var isFinished: Bool { false }

    init(path: String) throws(LogReadError) {
        self.path = path
        descriptor = systemOpen(path)
        guard descriptor >= 0 else { throw LogReadError("log.cannotOpen", errno: errno) }
        // A pipe waits for a writer and a device never ends (/dev/zero): only a plain file is a log.
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            var error = LogReadError("log.notRegular")
            error.isNotALog = true
            throw error
        }
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LogReadError) -> Int {
        while true {
            let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw LogReadError("log.cannotRead", errno: errno) }
        }
    }

    func skip(_ count: Int) throws(LogReadError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw LogReadError("log.cannotRead", errno: errno) }
        let here = lseek(descriptor, 0, SEEK_CUR)
        let available = max(0, Int(status.st_size) - Int(here))
        let step = min(count, available)
        guard lseek(descriptor, off_t(step), SEEK_CUR) >= 0 else {
            throw LogReadError("log.cannotRead", errno: errno)
        }
        return step
    }
}

// The POSIX calls under names that do not clash with the methods above.
/// Opened without waiting (`O_NONBLOCK`: opening a pipe would wait for a writer), then reads block again.
private func systemOpen(_ path: String) -> Int32 {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    if descriptor >= 0 { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK) }
    return descriptor
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}

/// A gzip log file decompressed with zlib as it is read, in bounded memory. Several gzip members one after
/// the other (what `cat a.gz b.gz` makes) are read as one stream, like `gunzip` does.
final class GzipLogFile: LogSource {
    private let file: PlainLogFile
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false
    /// Damage found after some bytes were decompressed: those are handed out first (as `zcat` prints them),
    /// the error comes with the next read.
    private var damage: LogReadError?
    var isFinished: Bool { true }

    init(file: PlainLogFile) throws(LogReadError) {
        self.file = file
        input = .allocate(byteCount: 256 * 1024, alignment: 16)
        // 15 + 32: the largest window, and let zlib recognise the gzip header itself.
        let status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw LogReadError("log.zlibStart", ["status": .count(Int(status))])
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LogReadError) -> Int {
        if let damage { throw damage }
        guard !finished, buffer.count > 0 else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputEnded {
                let count = try file.read(into: input)
                if count == 0 { inputEnded = true }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(count)
            }
            let before = stream.avail_out
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // Another member may follow; anything else after the end (padding) is ignored, as gunzip does.
                if try nextMemberFollows() {
                    inflateReset(&stream)
                    continue
                }
                finished = true
                break
            }
            if status == Z_BUF_ERROR || (status == Z_OK && stream.avail_out == before && stream.avail_in == 0) {
                if inputEnded {
                    let produced = buffer.count - Int(stream.avail_out)
                    if produced > 0 { return produced }
                    throw LogReadError("log.gzCutShort")
                }
                continue
            }
            guard status == Z_OK else {
                let error = status == Z_DATA_ERROR
                    ? LogReadError("log.gzDamaged", ["bytes": .count(Int(stream.total_out))])
                    : LogReadError("log.notGzip", ["status": .count(Int(status))])
                let produced = buffer.count - Int(stream.avail_out)
                guard produced > 0 else { throw error }
                damage = error
                return produced
            }
        }
        return buffer.count - Int(stream.avail_out)
    }

    func skip(_ count: Int) throws(LogReadError) -> Int {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { scratch.deallocate() }
        var skipped = 0
        while skipped < count {
            let read = try self.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<min(scratch.count, count - skipped)]))
            if read == 0 { break }
            skipped += read
        }
        return skipped
    }

    private func nextMemberFollows() throws(LogReadError) -> Bool {
        if stream.avail_in == 0 && !inputEnded {
            let count = try file.read(into: input)
            if count == 0 { inputEnded = true }
            stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(count)
        }
        guard stream.avail_in >= 2 else { return false }
        return stream.next_in[0] == 0x1f && stream.next_in[1] == 0x8b
    }
}
