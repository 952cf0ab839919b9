import Foundation

/// Runs the build's stages one after the other and times each (`bantin build --timings`): wall seconds,
/// processor seconds of all threads, and the process's resident memory when the stage ended.
struct StageRunner {
    typealias Lap = (name: String, seconds: Double, processorSeconds: Double, residentBytes: Int)
    private var last = Date()
    private var lastProcessor = StageRunner.processorSeconds()
    private(set) var laps: [Lap] = []

    mutating func run<T>(_ name: String, _ stage: () throws -> T) rethrows -> T {
        let result = try stage()
        MemoryTuning.returnFreedMemory()
        let now = Date(), processor = Self.processorSeconds()
        laps.append((name, now.timeIntervalSince(last), processor - lastProcessor, Self.residentBytes()))
        last = now
        lastProcessor = processor
        return result
    }

    /// A stage made of two kinds of work that ran together on every core (rendering pages and writing them),
    /// timed as two laps split by the seconds each took.
    mutating func run<T: SharedStage>(_ first: String, _ second: String, _ stage: () throws -> T) rethrows -> T {
        let result = try stage()
        let now = Date(), processor = Self.processorSeconds()
        let wall = now.timeIntervalSince(last), used = processor - lastProcessor
        let (a, b) = result.seconds
        let share = a + b > 0 ? a / (a + b) : 0
        laps.append((first, wall * share, used * share, 0))
        laps.append((second, wall * (1 - share), used * (1 - share), Self.residentBytes()))
        last = now
        lastProcessor = processor
        return result
    }

    /// VmRSS from /proc (Linux); 0 elsewhere.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }

    /// User and system time of every thread of the process so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        let who = RUSAGE_SELF.rawValue  // an enum in Glibc, an Int32 elsewhere
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// The result of a stage whose two kinds of work ran together, with the seconds each took.
protocol SharedStage {
    var seconds: (Double, Double) { get }
}
