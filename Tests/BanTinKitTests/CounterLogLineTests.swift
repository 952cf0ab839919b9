import Foundation
import Testing
@testable import BanTinKit

@Suite struct CounterLogLineTests {
    func parse(_ text: String) -> (line: LogLine, fields: (String, String, String, String))? {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let line = LogLine.parse(bytes) else { return nil }
            func field(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            return (line, (field(line.address), field(line.method), field(line.target), field(line.userAgent)))
        }
    }

    func seconds(_ iso: String) -> Int64 { Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970) }

    @Test func readsEveryFieldOfACombinedLine() throws {
        let parsed = try #require(parse(
            #"203.0.113.9 - - [25/Nov/2026:08:00:01 +0700] "GET /tin/x/?a=1 HTTP/1.1" 304 0 "https://www.google.com/" "Mozilla/5.0 (X11)""#))
        #expect(parsed.fields.0 == "203.0.113.9")
        #expect(parsed.fields.1 == "GET")
        #expect(parsed.fields.2 == "/tin/x/?a=1")
        #expect(parsed.fields.3 == "Mozilla/5.0 (X11)")
        #expect(parsed.line.status == 304)
        #expect(parsed.line.time == seconds("2026-11-25T01:00:01Z"))
    }

    @Test func timestampsWithAnyOffsetMeanTheSameInstant() throws {
        let times = try ["25/Nov/2026:08:00:01 +0700", "25/Nov/2026:01:00:01 +0000", "24/Nov/2026:20:00:01 -0500",
                         "25/Nov/2026:06:30:01 +0530"].map { time in
            try #require(parse(CounterFixtures.line("/", time: time))).line.time
        }
        #expect(Set(times) == [seconds("2026-11-25T01:00:01Z")])
        // Across a year's end and a leap day.
        #expect(try #require(parse(CounterFixtures.line("/", time: "31/Dec/2026:23:59:59 +0000"))).line.time == seconds("2026-12-31T23:59:59Z"))
        #expect(try #require(parse(CounterFixtures.line("/", time: "29/Feb/2028:12:00:00 +0700"))).line.time == seconds("2028-02-29T05:00:00Z"))
    }

    @Test func quotesEscapedInsideFieldsDoNotEndThem() throws {
        let parsed = try #require(parse(
            #"::1 - bob [25/Nov/2026:08:00:01 +0700] "GET /a\"b HTTP/1.1" 200 12 "-" "Agent \"quoted\" here" "extra" 0.003"#))
        #expect(parsed.fields.0 == "::1")
        #expect(parsed.fields.2 == #"/a\"b"#)
        #expect(parsed.fields.3 == #"Agent \"quoted\" here"#)
    }

    @Test func aRequestThatIsNotMethodAndTargetIsNotMalformed() throws {
        // nginx logs "-" (or raw bytes) when a client sends garbage; the line itself is well formed.
        let parsed = try #require(parse(#"203.0.113.9 - - [25/Nov/2026:08:00:01 +0700] "-" 400 0 "-" "-""#))
        #expect(parsed.fields.1.isEmpty)
        #expect(parsed.fields.2.isEmpty)
        #expect(parsed.line.status == 400)
    }

    @Test func windowsLineEndingsAreAccepted() throws {
        #expect(parse(CounterFixtures.line("/") + "\r") != nil)
    }

    @Test(arguments: [
        "",
        "garbage",
        #"203.0.113.9 - - [25/Nov/2026:08:00:01 +0700] "GET / HTTP/1.1" 200 12"#,                        // common format: no agent
        #"203.0.113.9 - - [25/Xyz/2026:08:00:01 +0700] "GET / HTTP/1.1" 200 12 "-" "a""#,                // month
        #"203.0.113.9 - - [25/Nov/2026:28:00:01 +0700] "GET / HTTP/1.1" 200 12 "-" "a""#,                // hour
        #"203.0.113.9 - - [25/Nov/2026:08:00:01 0700] "GET / HTTP/1.1" 200 12 "-" "a""#,                 // offset
        #"203.0.113.9 - - [25/Nov/2026:08:00:01 +0700] "GET / HTTP/1.1 200 12 "-" "a""#,                 // quote
        #"203.0.113.9 - - [25/Nov/2026:08:00:01 +0700] "GET / HTTP/1.1" OK 12 "-" "a""#,                 // status
        #"203.0.113.9 - - [25/Nov/2026:08:00:01 +0700] "GET / HTTP/1.1" 200 12 "-" "unterminated"#,      // agent
        #"203.0.113.9 - - [25/Nov/2026:08:00"#,                                                           // cut short
    ])
    func malformedLinesAreRefused(_ text: String) {
        #expect(parse(text) == nil)
    }
}
