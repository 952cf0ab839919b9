import CVips
import Foundation

/// What an image's header says, read without decoding its pixels: for `bantin check` (photos narrower than
/// the smallest useful width) and for refusing decompression bombs before they are decoded.
public struct ImageInfo: Sendable, Hashable {
    /// The format read from the bytes, whatever the file's name says.
    public var format: ImageFormat
    /// Displayed width and height: after the EXIF orientation (a phone photo tagged 6 is taller than wide).
    public var width: Int
    public var height: Int
    /// True when the image has an alpha channel (whether or not any pixel is actually transparent).
    public var hasAlphaChannel: Bool

    public var pixelCount: Int { width * height }

    /// The header of `source`, read from its file when it has one.
    public static func read(_ source: SourceImage) -> Result<ImageInfo, ImageProblem> {
        let data: Data
        switch SourceReader.bytes(of: source) {
        case .success(let bytes): data = bytes
        case .failure(let problem): return .failure(problem)
        }
        return data.withUnsafeBytes { bytes in
            Result { () throws(ImageProblem) in try Header(bytes, path: source.path).info }
        }
    }
}

/// Reads a source's bytes, or says why it cannot.
enum SourceReader {
    static func bytes(of source: SourceImage) -> Result<Data, ImageProblem> {
        switch source.contents {
        case .bytes(let data): return .success(data)
        case .file(let url):
            do {
                return .success(try Data(contentsOf: url, options: .mappedIfSafe))
            } catch {
                let exists = FileManager.default.fileExists(atPath: url.path)
                return .failure(ImageProblem(path: source.path, kind: .missing, message: exists
                    ? "the image cannot be read (\((error as NSError).localizedDescription))"
                    : "the image file does not exist; check its name (letters, accents and capitals must match)",
                    reason: exists ? .unreadable : .absent, detail: exists ? (error as NSError).localizedDescription : ""))
            }
        }
    }
}

/// An opened header: the format and sizes, and the libvips image they came from (pixels not decoded).
struct Header {
    let info: ImageInfo
    let image: VipsRef?
    let isCMYK: Bool
    let hasICCProfile: Bool

    /// Formats published as they are, not decoded.
    static let passedThrough: Set<ImageFormat> = [.gif, .svg]

    init(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImageProblem) {
        guard Vips.started else {
            let detail = Vips.takeError()
            throw ImageProblem(path: path, kind: .outputFailed, message: "libvips could not be started: \(detail)", detail: detail)
        }
        guard bytes.count > 0, let base = bytes.baseAddress else {
            throw ImageProblem(path: path, kind: .notAnImage, message: "the image file is empty", reason: .empty)
        }
        guard let loader = vips_foreign_find_load_buffer(base, bytes.count).map({ String(cString: $0) }) else {
            vips_error_clear()
            throw ImageProblem(path: path, kind: .notAnImage,
                               message: "this file is not a picture (its bytes are not JPEG, PNG, WebP, GIF, SVG, TIFF or HEIC, whatever its name says)")
        }
        guard let format = Header.format(loader: loader, bytes: bytes) else {
            throw ImageProblem(path: path, kind: .notAnImage,
                               message: "this file is a \(Header.describe(loader: loader)) file, not a photo format bantin publishes; save it as JPEG or PNG",
                               reason: .unpublishedFormat(Header.describe(loader: loader)))
        }
        guard let header = bantin_vips_header(base, bytes.count) else {
            let detail = Vips.takeError()
            throw ImageProblem(path: path, kind: .damaged,
                               message: "the image is damaged: its header cannot be read (\(detail))", detail: detail)
        }
        let image = VipsRef(header)
        let swap = image.orientationSwapsSides
        info = ImageInfo(format: format, width: swap ? image.height : image.width, height: swap ? image.width : image.height,
                         hasAlphaChannel: image.hasAlpha)
        isCMYK = image.interpretation == VIPS_INTERPRETATION_CMYK
        hasICCProfile = image.hasICCProfile
        self.image = image
    }

    /// libvips' loader class (`VipsForeignLoadJpegBuffer`) to the format bantin knows it as; nil for formats
    /// libvips reads but bantin does not publish (PDF, FITS, OpenEXR, …).
    static func format(loader: String, bytes: UnsafeRawBufferPointer) -> ImageFormat? {
        let name = loader.lowercased()
        if name.contains("jpeg") { return .jpeg }
        if name.contains("png") { return .png }
        if name.contains("webp") { return .webp }
        if name.contains("gif") { return .gif }
        if name.contains("svg") { return .svg }
        if name.contains("tiff") { return .tiff }
        if name.contains("heif") {
            // HEIC and AVIF share one loader; the ISO-BMFF brand (bytes 8–11) tells them apart.
            let brand = bytes.count >= 12 ? String(decoding: bytes[8..<12], as: UTF8.self) : ""
            return brand.hasPrefix("avi") ? .avif : .heif
        }
        return nil
    }

    static func describe(loader: String) -> String {
        var name = loader
        for affix in ["VipsForeignLoad", "Buffer", "Source", "File"] { name = name.replacingOccurrences(of: affix, with: "") }
        return name.uppercased()
    }
}

/// What a file is by its first bytes, as libvips' loaders recognise them, whatever its name says: a JPEG saved
/// as `.jfif`, `.jpe`, `.gif`, `.bak` or with no extension is a photo all the same, and is published only through
/// libvips (its metadata gone), never as it is.
public enum FileKind: Sendable, Equatable {
    /// A photo or bitmap (JPEG, PNG, WebP, TIFF, HEIC, AVIF, BMP, …).
    case raster
    /// A GIF (published as it is, for its animation).
    case gif
    /// An SVG drawing.
    case svg
    /// A PDF, or anything libvips does not read as a picture (documents, archives).
    case other

    /// Reads at most the first 64 KB of `url`.
    public static func of(_ url: URL) -> FileKind {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return .other }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
        return of(head)
    }

    public static func of(_ head: Data) -> FileKind {
        guard Vips.started, !head.isEmpty else { return .other }
        let loader = head.withUnsafeBytes { bytes in
            vips_foreign_find_load_buffer(bytes.baseAddress, bytes.count).map { String(cString: $0) }
        }
        vips_error_clear()
        guard let name = loader?.lowercased() else { return .other }
        if name.contains("svg") { return .svg }
        if name.contains("gif") { return .gif }
        // A PDF is a document editors link to, not a picture (poppler's or ImageMagick's loader may claim it).
        if name.contains("pdf") || head.starts(with: Data("%PDF".utf8)) { return .other }
        return .raster
    }
}

/// GIFs are published for their animation, but never as the editor's file: every frame goes through libvips
/// again without the file's metadata (XMP with GPS, EXIF, comments). Kept in the image cache by the source's hash,
/// so an unchanged GIF is made once.
public enum CleanGIF {
    /// The cleaned copy of the GIF `source` in `cacheDirectory` (made when missing), or why it cannot be made.
    public static func file(for source: URL, cacheDirectory: URL) -> Result<URL, ImageProblem> {
        guard Vips.started else {
            return .failure(ImageProblem(path: source.path, kind: .outputFailed, message: "libvips could not be started"))
        }
        guard let data = FileManager.default.contents(atPath: source.path) else {
            return .failure(ImageProblem(path: source.path, kind: .missing, message: "the file cannot be read"))
        }
        let folder = cacheDirectory.appendingPathComponent("gif")
        let target = folder.appendingPathComponent(Vips.sha256(data) + "-" + Vips.version + ".gif")
        if FileManager.default.fileExists(atPath: target.path) { return .success(target) }
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status = data.withUnsafeBytes { bytes in bantin_vips_gif_clean(bytes.baseAddress, bytes.count, &buffer, &length) }
        guard status == 0, let buffer else {
            return .failure(ImageProblem(path: source.path, kind: .damaged, message: "the GIF cannot be read again (\(Vips.takeError()))"))
        }
        let cleaned = Data(bytesNoCopy: buffer, count: length, deallocator: .custom { pointer, _ in g_free(pointer) })
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".tmp-\(UUID().uuidString).gif")
            try cleaned.write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return .failure(ImageProblem(path: source.path, kind: .outputFailed, message: "the cleaned GIF cannot be kept"))
            }
        } catch {
            return .failure(ImageProblem(path: source.path, kind: .outputFailed, message: "the cleaned GIF cannot be kept (\(error.localizedDescription))"))
        }
        return .success(target)
    }
}
