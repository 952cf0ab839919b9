#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a log stream into lines, in chunks, with memory bounded by one chunk plus the longest line allowed.
enum LogReader {
    /// A longer line is skipped (and counted as malformed), not buffered without end.
    static let maxLineLength = 64 * 1024
    static let chunkSize = 1 << 20

    struct Outcome {
        /// Stream offset just after the last whole line seen: where the next build goes on.
        var end: Int
        /// Lines longer than `maxLineLength`, skipped.
        var overlong = 0
        /// The stream ended before `start`: a shorter copy of a log already read.
        var endsBeforeStart = false
        /// Reading stopped early; the lines before it were handed out.
        var error: LogReadError?
    }

    /// Hands every whole line after `start` to `line`, without its "\n". A last line without "\n" counts
    /// only in a finished (gzip) stream; in a plain log the server may still be writing it.
    static func lines(of source: LogSource, from start: Int, _ line: (UnsafeBufferPointer<UInt8>) -> Void) -> Outcome {
        var outcome = Outcome(end: start)
        do {
            if start > 0, try source.skip(start) < start {
                outcome.endsBeforeStart = true
                return outcome
            }
        } catch {
            outcome.error = error
            return outcome
        }
        let capacity = chunkSize + maxLineLength
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        let bytes = buffer.bindMemory(to: UInt8.self)
        var position = start  // stream offset of bytes[0]
        var filled = 0
        var skippingOverlong = false

        while true {
            let count: Int
            do {
                count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<capacity]))
            } catch {
                outcome.error = error
                return outcome
            }
            if count == 0 {
                if filled > 0, source.isFinished {
                    if !skippingOverlong { line(UnsafeBufferPointer(rebasing: bytes[0..<filled])) }
                    outcome.end = position + filled
                }
                return outcome
            }
            let scanFrom = filled
            filled += count
            var lineStart = 0
            var searchFrom = scanFrom
            while searchFrom < filled,
                  let found = memchr(buffer.baseAddress! + searchFrom, Int32(UInt8(ascii: "\n")), filled - searchFrom) {
                let newline = buffer.baseAddress!.distance(to: found)
                if skippingOverlong {
                    skippingOverlong = false
                } else if newline - lineStart > maxLineLength {
                    outcome.overlong += 1
                } else {
                    line(UnsafeBufferPointer(rebasing: bytes[lineStart..<newline]))
                }
                lineStart = newline + 1
                searchFrom = lineStart
                outcome.end = position + lineStart
            }
            let rest = filled - lineStart
            if skippingOverlong || rest > maxLineLength {
                if !skippingOverlong { outcome.overlong += 1 }
                skippingOverlong = true
                position += filled
                filled = 0
            } else {
                if rest > 0, lineStart > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + lineStart, rest) }
                position += lineStart
                filled = rest
            }
        }
    }
}
