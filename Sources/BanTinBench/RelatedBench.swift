import BanTinKit
import Foundation

/// Times the related-news step (`RelatedNews.compute`, index included) on generated sites of two sizes and
/// checks it against the issue's bounds: under a second at the larger size, growing no faster than n·log n.
/// Also checks the index search against scoring every pair (always at the smaller size).
enum RelatedBench {
    struct Timing {
        var wall = Double.infinity
        var processor = Double.infinity
    }

    static func run(sizes: (small: Int, large: Int), repeats: Int, limitSeconds: Double, exhaustiveLarge: Bool) -> Bool {
        var timings: [Int: Timing] = [:]
        for size in [sizes.small, sizes.large] {
            let site = CorpusGenerator(articleCount: size).makeSite()
            var timing = Timing()
            var lists: [[Int]] = []
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                let startProcessor = processorSeconds()
                lists = RelatedNews.compute(site)
                timing.wall = min(timing.wall, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                timing.processor = min(timing.processor, processorSeconds() - startProcessor)
            }
            timings[size] = timing
            let listed = Double(lists.reduce(0) { $0 + $1.count }) / Double(size)
            print(String(format: "related step, %6d articles: %7.3f s (best run; processor time %.3f s, both cores); %.2f related per article",
                         size, timing.wall, timing.processor, listed))
            if size == sizes.small || exhaustiveLarge {
                let exact = RelatedNews.computeExhaustively(site)
                let same = zip(lists, exact).filter { $0 == $1 }.count
                let shared = zip(lists, exact).reduce(0) { $0 + Set($1.0).intersection($1.1).count }
                let total = exact.reduce(0) { $0 + $1.count }
                print(String(format: "  against scoring every pair: the same list for %.1f%% of articles, %.1f%% of entries in common",
                             100 * Double(same) / Double(size), 100 * Double(shared) / Double(max(total, 1))))
            }
        }
        let small = timings[sizes.small]!, large = timings[sizes.large]!
        let nLogN = (Double(sizes.large) * log(Double(sizes.large))) / (Double(sizes.small) * log(Double(sizes.small)))
        let linear = Double(sizes.large) / Double(sizes.small)
        print(String(format: "growth %d → %d: %.1f× in time, %.1f× in processor time (linear %.1f×, n·log n %.1f×, n² %.0f×)",
                     sizes.small, sizes.large, large.wall / small.wall, large.processor / small.processor,
                     linear, nLogN, linear * linear))
        let fastEnough = large.wall < limitSeconds
        // Growth is judged on processor time: the work done, which other programs on the machine do not change.
        let scalesWell = large.processor / small.processor <= nLogN
        print("\(fastEnough ? "ok" : "TOO SLOW"): \(sizes.large) articles under \(limitSeconds) s; "
              + "\(scalesWell ? "ok" : "TOO STEEP"): growth within n·log n")
        return fastEnough && scalesWell
    }

    /// User and system time of this process, all threads: shows how much of the wall time was ours when other
    /// work shares the machine.
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
