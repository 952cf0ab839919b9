import Dispatch
import Foundation

/// The image system's one entrance: source images in, processed images (or problems) out.
///
/// ```swift
/// let pipeline = ImagePipeline(settings: settings, cacheDirectory: project.appending(path: ".bantin/images"))
/// for result in pipeline.process(sources) { … }   // in the order of `sources`
/// ```
///
/// Images are processed by one worker per active core, each holding one source and its decoded copy at a
/// time, so memory stays bounded whatever the number of photos. Encoded files are kept in the cache folder;
/// an unchanged photo is read back from it without encoding.
public final class ImagePipeline: @unchecked Sendable {
    public let settings: ImageSettings
    public let cacheDirectory: URL
    /// Images processed at once.
    public let workers: Int

    private let cache: ImageCache
    private let sourceHashes: SourceHashes
    private let lock = NSLock()
    private var filesEncoded = 0
    private var entriesRepaired = 0

    /// libvips threads inside one image. With a worker per core, one thread each used 6% less processor time than
    /// libvips' own pool on top (200 photos 4032×3024, 2 cores: 261 against 278 s; on 50 photos the two were
    /// equal), and keeps the thread count at one per core. Wall times on the shared test machine were too noisy
    /// to rank them (docs/IMAGES.md).
    static let vipsThreadsPerWorker = 1

    /// `workers` defaults to the active cores; `vipsThreads` (libvips' threads per image, process-wide) to
    /// `vipsThreadsPerWorker`, 0 meaning libvips' own default (one per core). Both are for measurements.
    /// `trustsSignatures`: false (`build --full`) hashes every source instead of trusting its remembered signature.
    public init(settings: ImageSettings = ImageSettings(), cacheDirectory: URL, workers: Int? = nil,
                vipsThreads: Int? = nil, trustsSignatures: Bool = true) {
        self.settings = settings
        self.cacheDirectory = cacheDirectory
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.cache = ImageCache(directory: cacheDirectory)
        self.sourceHashes = SourceHashes(cacheDirectory: cacheDirectory, trustsSignatures: trustsSignatures)
        Vips.setThreadsPerImage(vipsThreads ?? Self.vipsThreadsPerWorker)
    }

    /// Files encoded by this pipeline so far (zero on a run where every photo came from the cache).
    public var encodeCount: Int { lock.withLock { filesEncoded } }

    /// Cache entries found damaged (a file missing, cut short or changed) and encoded again.
    public var repairedCacheEntries: Int { lock.withLock { entriesRepaired } }

    /// Every source's result, in the order given; all cores work, one image per worker at a time.
    public func process(_ sources: [SourceImage]) -> [ImageResult] {
        guard !sources.isEmpty else { return [] }
        cache.removeLeftovers()
        let results = ResultSlots(count: sources.count)
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: min(workers, sources.count)) { _ in
            while let index = next.take(below: sources.count) {
                results.set(index, processOne(sources[index]))
            }
        }
        sourceHashes.save()
        return results.values
    }

    /// One image, on the calling thread.
    public func process(_ source: SourceImage) -> ImageResult {
        defer { sourceHashes.save() }
        return processOne(source)
    }

    private func processOne(_ source: SourceImage) -> ImageResult {
        let data: Data
        switch SourceReader.bytes(of: source) {
        case .success(let bytes): data = bytes
        case .failure(let problem): return .failure(problem)
        }
        return data.withUnsafeBytes { bytes in
            Result { () throws(ImageProblem) in try process(source, bytes: bytes) }
        }
    }

    private func process(_ source: SourceImage, bytes: UnsafeRawBufferPointer) throws(ImageProblem) -> ProcessedImage {
        let header = try Header(bytes, path: source.path)
        if Header.passedThrough.contains(header.info.format) {
            let variant = ImageVariant(fileName: source.fileName, width: header.info.width, height: header.info.height,
                                       format: header.info.format, byteCount: bytes.count, location: .source, sha256: "")
            return ProcessedImage(path: source.path, kind: .passedThrough, sourceFormat: header.info.format,
                                  width: header.info.width, height: header.info.height,
                                  hasAlpha: header.info.hasAlphaChannel, variants: [variant])
        }
        let key = cache.key(sourceSHA256: sourceHashes.sha256(of: source, bytes: bytes), settings: settings)
        switch cache.lookup(key) {
        case .valid(let entry):
            return processed(source, entry: entry, key: key)
        case .damaged:
            lock.withLock { entriesRepaired += 1 }
        case .absent:
            break
        }
        let encoded = try ImageEncoder(settings: settings).encode(bytes, header: header, path: source.path) { files in
            lock.withLock { filesEncoded += files }
        }
        do {
            return processed(source, entry: try cache.store(key, encoded), key: key)
        } catch {
            throw ImageProblem(path: source.path, kind: .outputFailed, message:
                "the resized files could not be written to \(cacheDirectory.path) (\((error as NSError).localizedDescription))",
                detail: "\(cacheDirectory.path): \((error as NSError).localizedDescription)")
        }
    }

    private func processed(_ source: SourceImage, entry: ImageCache.Entry, key: String) -> ProcessedImage {
        func variant(_ file: ImageCache.Entry.File) -> ImageVariant {
            ImageVariant(fileName: "\(source.stem).\(file.width).\(file.sha256.prefix(8)).\(file.format.fileExtension)",
                         width: file.width, height: file.height, format: file.format, byteCount: file.byteCount,
                         location: .cacheFile(cache.fileURL(key, file)), sha256: file.sha256)
        }
        return ProcessedImage(
            path: source.path, kind: .encoded, sourceFormat: entry.sourceFormat, width: entry.width,
            height: entry.height, hasAlpha: entry.hasAlpha,
            variants: entry.files.filter { $0.role == .variant }.map(variant),
            fallbackFile: entry.files.first { $0.role == .fallback }.map(variant),
            ogImage: entry.files.first { $0.role == .og }.map(variant),
            original: entry.files.first { $0.role == .original }.map(variant))
    }
}

/// Preallocated result slots, each written by exactly one worker.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [ImageResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: ImageResult) { lock.withLock { slots[index] = result } }

    var values: [ImageResult] { lock.withLock { slots.map { $0! } } }
}

/// Hands out indexes to workers, each once.
private final class NextIndex: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
