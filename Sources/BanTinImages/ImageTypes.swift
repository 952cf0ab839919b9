import Foundation

/// Image file formats bantin reads or writes.
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case jpeg, png, webp, avif, gif, svg, tiff, heif

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .tiff: "tif"
        case .heif: "heic"
        default: rawValue
        }
    }

    public var mimeType: String {
        switch self {
        case .svg: "image/svg+xml"
        default: "image/\(rawValue)"
        }
    }
}

/// A photo or picture as an editor put it in `content/images/`.
public struct SourceImage: Sendable {
    public enum Contents: Sendable {
        case bytes(Data)
        /// Read by the worker that processes it, so no more than one source per worker is in memory.
        case file(URL)
    }

    /// How the editor knows the file (`content/images/hoi-nghi-0.jpg`); errors name it, output names start
    /// with its stem.
    public var path: String
    public var contents: Contents

    public init(path: String, bytes: Data) {
        self.path = path
        self.contents = .bytes(bytes)
    }

    public init(path: String, file: URL) {
        self.path = path
        self.contents = .file(file)
    }

    /// The file name without its extension: `hoi-nghi-0` for `content/images/hoi-nghi-0.JPG`.
    public var stem: String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        // NFC: a name saved on macOS (NFD) gives the published files the spelling editors' links use.
        return (stem.isEmpty ? name : stem).precomposedStringWithCanonicalMapping
    }

    var fileName: String { (path as NSString).lastPathComponent }
}

/// A problem with one image, naming it; the caller adds the article that uses it.
public struct ImageProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The file does not exist or cannot be read.
        case missing
        /// Not a picture at all (a text file named `.jpg`), or a format bantin does not publish.
        case notAnImage
        /// Truncated or corrupt: libvips could not decode it whole.
        case damaged
        /// More pixels than `max_pixels` (a decompression bomb, or a scan far larger than a web page needs).
        case tooManyPixels
        /// Encoding or writing the resized files failed (disk full, cache folder not writable).
        case outputFailed
    }

    /// The image as the editor knows it (`content/images/x.jpg`).
    public var path: String
    public var kind: Kind
    /// A plain sentence saying what is wrong and, where it helps, what to do (English, for logs).
    public var message: String
    /// What went wrong, with its figures, for the caller to say in the editors' language.
    public var reason: Reason
    /// The library's or system's own words, untranslated ("" when there are none).
    public var detail: String

    public enum Reason: Sendable, Hashable {
        case absent, unreadable, empty, notAPicture, damaged, outputFailed, logoNotDrawn
        case unpublishedFormat(String)
        case tooManyPixels(width: Int, height: Int, megapixels: Int, limit: Int)
    }

    public init(path: String, kind: Kind, message: String, reason: Reason? = nil, detail: String = "") {
        self.path = path
        self.kind = kind
        self.message = message
        self.detail = detail
        let byKind: Reason = switch kind {
        case .missing: .absent
        case .notAnImage: .notAPicture
        case .damaged: .damaged
        case .tooManyPixels: .tooManyPixels(width: 0, height: 0, megapixels: 0, limit: 0)
        case .outputFailed: .outputFailed
        }
        self.reason = reason ?? byKind
    }

    /// `path: error: message`, as bantin's other diagnostics.
    public var description: String { "\(path): error: \(message)" }
}

/// One file written for an image: a width of one format.
public struct ImageVariant: Sendable, Hashable {
    public enum Location: Sendable, Hashable {
        /// A file in the image cache, to hard-link or copy into the output.
        case cacheFile(URL)
        /// The source's own bytes, unchanged (SVG and GIF are published as they are).
        case source
    }

    /// `hoi-nghi-0.960.3fa9c1d2.webp`: stem, width, first 8 hex digits of the SHA-256 of the bytes, extension.
    public var fileName: String
    public var width: Int
    public var height: Int
    public var format: ImageFormat
    public var byteCount: Int
    public var location: Location
    /// Hex SHA-256 of the file's bytes (empty for a passed-through source).
    public var sha256: String

    /// The file name as it goes in an address: percent-encoded, so a space or a comma (a photo named
    /// "Hội nghị 2026, đợt 1.jpg") does not end the URL in a `srcset`, nor a raw space make it invalid.
    public var urlName: String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/,;")
        return fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? fileName
    }
}

/// What became of one source image.
public struct ProcessedImage: Sendable {
    public enum Kind: Sendable, Hashable {
        /// Decoded, oriented, resized and re-encoded without metadata.
        case encoded
        /// SVG or GIF, published byte for byte under its own name.
        case passedThrough
    }

    public var path: String
    public var kind: Kind
    /// The source's format as read from its bytes (not its name).
    public var sourceFormat: ImageFormat
    /// Displayed size of the original, after its EXIF orientation.
    public var width: Int
    public var height: Int
    /// True when some pixel is not fully opaque (the fallback is then PNG, not JPEG).
    public var hasAlpha: Bool
    /// Every `srcset` file, of every format, narrowest first within each format: the modern formats only when
    /// there is one (WebP by default), else the fallback format at every width.
    public var variants: [ImageVariant]
    /// The one JPEG (PNG with transparency) `og_width` wide written beside the modern formats: the `<img src>`
    /// for browsers without them and for feeds. nil when the fallback format is written at every width instead.
    public var fallbackFile: ImageVariant?
    /// One JPEG `og_width` wide (or narrower when the original is) for `og:image`; nil when passed through.
    public var ogImage: ImageVariant?
    /// The full-size fallback-format file when `publish_original` is on (metadata removed like every output).
    public var original: ImageVariant?

    public init(path: String, kind: Kind, sourceFormat: ImageFormat, width: Int, height: Int, hasAlpha: Bool,
                variants: [ImageVariant], fallbackFile: ImageVariant? = nil, ogImage: ImageVariant? = nil,
                original: ImageVariant? = nil) {
        self.path = path
        self.kind = kind
        self.sourceFormat = sourceFormat
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        self.variants = variants
        self.fallbackFile = fallbackFile
        self.ogImage = ogImage
        self.original = original
    }

    /// JPEG, or PNG for a picture with transparency; for a passed-through file, its own format.
    public var fallbackFormat: ImageFormat {
        if kind == .passedThrough { return sourceFormat }
        return hasAlpha ? .png : .jpeg
    }

    /// The formats written, best first: the order of `<source>` elements, then the fallback.
    public var formats: [ImageFormat] {
        let order: [ImageFormat] = [.avif, .webp, .jpeg, .png, .gif, .svg]
        let present = Set(variants.map(\.format) + [fallbackFile?.format].compactMap { $0 })
        return order.filter(present.contains)
    }

    public func variants(for format: ImageFormat) -> [ImageVariant] {
        variants.filter { $0.format == format }.sorted { $0.width < $1.width }
    }

    /// `"{prefix}x.320.ab12cd34.webp 320w, {prefix}x.640.….webp 640w"` for a `srcset` attribute ("" for a format
    /// with no `srcset` files, such as the single fallback).
    public func srcset(for format: ImageFormat, urlPrefix: String = "") -> String {
        variants(for: format).map { "\(urlPrefix)\($0.urlName) \($0.width)w" }.joined(separator: ", ")
    }

    /// The `<img src>`: the single fallback file; without one, the widest fallback-format file no wider than
    /// 1280 px (or the narrowest when all are wider), sharp enough for readers without `srcset` and for feed
    /// readers, light enough for a phone.
    public var fallback: ImageVariant {
        if let fallbackFile { return fallbackFile }
        let candidates = variants(for: fallbackFormat)
        return candidates.last { $0.width <= 1280 } ?? candidates[0]
    }

    /// Every file to publish, each once (the og:image is often the fallback itself).
    public var files: [ImageVariant] {
        var seen: Set<String> = []
        return (variants + [fallbackFile, ogImage, original].compactMap { $0 }).filter { seen.insert($0.fileName).inserted }
    }
}

/// One image's result: the files to publish, or the reason there are none.
public typealias ImageResult = Result<ProcessedImage, ImageProblem>
