import BanTinKit
import Foundation

/// Times the related-news step (`RelatedNews.compute`, index included) on generated sites of two sizes and
/// checks it against the issue's bounds: under a second at the larger size, growing no faster than n·log n.
enum RelatedBench {
    static func run(sizes: (small: Int, large: Int), repeats: Int, limitSeconds: Double) -> Bool {
        var times: [Int: Double] = [:]
        for size in [sizes.small, sizes.large] {
            let site = CorpusGenerator(articleCount: size).makeSite()
            var best = Double.infinity
            var bestCPU = Double.infinity
            var listed = 0
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                let startCPU = processorSeconds()
                let lists = RelatedNews.compute(site)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                bestCPU = min(bestCPU, processorSeconds() - startCPU)
                listed = lists.reduce(0) { $0 + $1.count }
            }
            times[size] = best
            print(String(format: "related step, %6d articles: %7.3f s (best of %d; %.3f s of processor time; %.2f related per article)",
                         size, best, repeats, bestCPU, Double(listed) / Double(size)))
        }
        let growth = times[sizes.large]! / times[sizes.small]!
        let nLogN = (Double(sizes.large) * log(Double(sizes.large))) / (Double(sizes.small) * log(Double(sizes.small)))
        let linear = Double(sizes.large) / Double(sizes.small)
        print(String(format: "growth %d → %d: %.1f× (linear %.1f×, n·log n %.1f×, n² %.0f×)",
                     sizes.small, sizes.large, growth, linear, nLogN, linear * linear))
        let fastEnough = times[sizes.large]! < limitSeconds
        let scalesWell = growth <= nLogN
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
