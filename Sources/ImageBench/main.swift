import BanTinImages
import Foundation

// Times BanTinImages on a folder of photos (release build):
//
//   image-bench run PHOTOS [--count N] [--workers W] [--vips-threads T] [--quality Q] [--formats webp,avif] [--cache DIR]
//       every photo of PHOTOS, repeated up to N sources, into a fresh cache; prints photos/second, photos/second
//       per core, files encoded and peak memory; then runs again over the same cache (nothing to encode).
//       Each repeat gets a few bytes after the JPEG's end so the cache sees N different photos.
//   image-bench leak PHOTOS [--count N]
//       N photos one call at a time, printing resident memory every 100: it must stay flat.
//   image-bench resize PHOTOS OUT --width W [--quality Q]
//       each photo of PHOTOS as one JPEG W pixels wide in OUT, through the module (oriented, sRGB, no metadata).

struct Options {
    var positional: [String] = []
    var values: [String: String] = [:]

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--"), index + 1 < arguments.count {
                values[String(argument.dropFirst(2))] = arguments[index + 1]
                index += 2
            } else {
                positional.append(argument)
                index += 1
            }
        }
    }

    func int(_ name: String) -> Int? { values[name].flatMap(Int.init) }
}

func photos(in folder: String) -> [URL] {
    let url = URL(fileURLWithPath: folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { ["jpg", "jpeg", "png"].contains(($0 as NSString).pathExtension.lowercased()) }
        .sorted().map { url.appendingPathComponent($0) }
}

/// Resident and peak resident memory in MB (Linux /proc/self/status).
func memory() -> (resident: Int, peak: Int) {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Int {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

/// Processor seconds (user + system, all threads) used by the process so far.
func processorSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    let who = RUSAGE_SELF.rawValue  // an enum in Glibc, an Int32 elsewhere
    #else
    let who = RUSAGE_SELF
    #endif
    getrusage(who, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func settings(_ options: Options) -> ImageSettings {
    var settings = ImageSettings()
    if let quality = options.int("quality") { settings.quality = .init(quality) }
    if let formats = options.values["formats"] {
        settings.formats = formats.split(separator: ",").compactMap { ImageFormat(rawValue: String($0)) }
    }
    if let widths = options.values["widths"] { settings.widths = widths.split(separator: ",").compactMap { Int($0) } }
    return settings
}

/// `count` sources cycling over `files`, each copy made distinct by a trailer after the image data and written
/// to `folder`, so the cache sees `count` different photos and only the workers' photos are in memory.
func sources(_ files: [URL], count: Int, folder: URL) throws -> [SourceImage] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try (0..<count).map { index in
        let file = files[index % files.count]
        guard index >= files.count else { return SourceImage(path: file.lastPathComponent, file: file) }
        var bytes = try Data(contentsOf: file)
        bytes.append(Data("bench copy \(index)".utf8))
        let copy = folder.appendingPathComponent("\(file.deletingPathExtension().lastPathComponent)-\(index).jpg")
        try bytes.write(to: copy)
        return SourceImage(path: copy.lastPathComponent, file: copy)
    }
}

func run(_ options: Options) throws {
    let files = photos(in: options.positional[1])
    let count = options.int("count") ?? files.count
    // --cache DIR keeps the encoded files there (to look at them with exiftool or webpinfo).
    let kept = options.values["cache"].map { URL(fileURLWithPath: $0) }
    let cache = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("image-bench-\(UUID().uuidString)")
    defer { if kept == nil { try? FileManager.default.removeItem(at: cache) } }
    let workers = options.int("workers") ?? ProcessInfo.processInfo.activeProcessorCount
    let pipeline = ImagePipeline(settings: settings(options), cacheDirectory: cache, workers: workers,
                                 vipsThreads: options.int("vips-threads"))
    let input = try sources(files, count: count, folder: cache.appendingPathComponent("sources"))
    let start = Date(), startProcessor = processorSeconds()
    let results = pipeline.process(input)
    let seconds = Date().timeIntervalSince(start), processor = processorSeconds() - startProcessor
    let failures = results.filter { if case .failure = $0 { true } else { false } }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let bytes = results.compactMap { try? $0.get() }.flatMap { $0.variants + [$0.ogImage].compactMap { $0 } }
        .reduce(0) { $0 + $1.byteCount }
    // With other work on the machine, photos per processor-second is the steadier figure.
    print(String(format: "%d photos, %d workers, %@ libvips threads each: %.1f s (processor %.1f s), %.2f photos/s, %.2f photos/s/core, %.2f photos per processor-second; %d files encoded (%.1f MB); %d failed; peak %d MB",
                 count, workers, options.values["vips-threads"] ?? "default", seconds, processor, Double(count) / seconds,
                 Double(count) / seconds / Double(cores), Double(count) / processor, pipeline.encodeCount,
                 Double(bytes) / 1e6, failures.count, memory().peak))
    for case .failure(let problem) in failures.prefix(3) { print(problem) }
    let again = ImagePipeline(settings: settings(options), cacheDirectory: cache, workers: workers)
    let cachedStart = Date()
    _ = again.process(input)
    print(String(format: "second run over the cache: %.2f s, %d files encoded", Date().timeIntervalSince(cachedStart),
                 again.encodeCount))
}

func leak(_ options: Options) throws {
    let files = photos(in: options.positional[1])
    let count = options.int("count") ?? 500
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("image-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cache) }
    let pipeline = ImagePipeline(settings: settings(options), cacheDirectory: cache)
    let copies = cache.deletingLastPathComponent().appendingPathComponent(cache.lastPathComponent + "-sources")
    defer { try? FileManager.default.removeItem(at: copies) }
    let input = try sources(files, count: count, folder: copies)
    for start in stride(from: 0, to: count, by: 100) {
        _ = pipeline.process(Array(input[start..<min(start + 100, count)]))
        // The cache is emptied so every photo is encoded again, not read back.
        try? FileManager.default.removeItem(at: cache)
        print("after \(min(start + 100, count)) photos: resident \(memory().resident) MB (peak \(memory().peak) MB)")
    }
}

func resize(_ options: Options) throws {
    let files = photos(in: options.positional[1])
    let out = URL(fileURLWithPath: options.positional[2])
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let width = options.int("width") ?? 2000
    var settings = ImageSettings()
    settings.widths = [width]
    settings.quality = .init(options.int("quality") ?? 85)
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("image-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cache) }
    let pipeline = ImagePipeline(settings: settings, cacheDirectory: cache)
    for (file, result) in zip(files, pipeline.process(files.map { SourceImage(path: $0.path, file: $0) })) {
        let image = try result.get()
        guard let jpeg = image.variants(for: .jpeg).last, case .cacheFile(let url) = jpeg.location else { continue }
        let target = out.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".jpg")
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: url, to: target)
        print("\(target.lastPathComponent): \(jpeg.width)×\(jpeg.height), \(jpeg.byteCount / 1000) KB")
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
switch options.positional.first {
case "run" where options.positional.count == 2: try run(options)
case "leak" where options.positional.count == 2: try leak(options)
case "resize" where options.positional.count == 3: try resize(options)
default:
    print("usage: image-bench run PHOTOS [--count N] [--workers W] [--vips-threads T] [--quality Q] [--formats webp,avif] [--cache DIR]")
    print("       image-bench leak PHOTOS [--count N]")
    print("       image-bench resize PHOTOS OUT --width W [--quality Q]")
    exit(2)
}
