import CVips
import Foundation

/// One file encoded for an image, before it has a name.
struct EncodedFile: Sendable {
    enum Role: String, Codable, Sendable {
        case variant, og, original
    }

    var role: Role
    var format: ImageFormat
    var width: Int
    var height: Int
    var data: Data
    var sha256: String
}

/// Every file of one image, and what they were made from.
struct EncodedImage: Sendable {
    var sourceFormat: ImageFormat
    var width: Int
    var height: Int
    var hasAlpha: Bool
    var files: [EncodedFile]
}

/// Decodes one image once, at the largest size any output needs, and writes every output from that copy.
struct ImageEncoder {
    let settings: ImageSettings

    /// Baseline JPEG: progressive was 3% smaller but took 1.5 times the processor time to encode (six 1920 px
    /// photos, Q75), and the JPEG is only the fallback behind WebP and the og:image.
    static let progressiveJPEG = false
    /// libaom's effort 0–9 (libvips' default 4 takes seconds per 1920 px photo); AVIF is optional.
    static let avifEffort = 2

    /// The widths to write for a picture `width` pixels wide: the settings' widths up to it, and its own width
    /// when it is narrower than the largest (a 1000 px photo gets 320, 640, 960 and 1000).
    static func widths(for width: Int, settings: ImageSettings) -> [Int] {
        var widths = settings.widths.filter { $0 <= width }
        if let largest = settings.widths.last, width < largest, widths.last != width { widths.append(width) }
        return widths
    }

    /// `header` was read from `bytes`; `count` is called once per file encoded.
    func encode(_ bytes: UnsafeRawBufferPointer, header: Header, path: String,
                count: (Int) -> Void) throws(ImageProblem) -> EncodedImage {
        let info = header.info
        guard info.pixelCount <= settings.maxPixels else {
            throw ImageProblem(path: path, kind: .tooManyPixels, message: String(
                format: "the image is %d × %d pixels (%.0f megapixels), more than the %.0f allowed (images: max_pixels in site.yml); resize it before publishing",
                info.width, info.height, Double(info.pixelCount) / 1e6, Double(settings.maxPixels) / 1e6))
        }
        let widths = Self.widths(for: info.width, settings: settings)
        let ogWidth = min(settings.ogWidth, info.width)
        let decodeWidth = settings.publishOriginal ? info.width : max(widths.last ?? info.width, ogWidth)

        // Decode (shrinking on load where the format allows), orient, convert to sRGB, keep in memory.
        var thumbnail: UnsafeMutablePointer<VipsImage>?
        let status = bantin_vips_thumbnail(bytes.baseAddress, bytes.count, &thumbnail, Int32(decodeWidth),
                                           header.hasICCProfile && !header.isCMYK ? 1 : 0, header.isCMYK ? 1 : 0)
        guard let decoded = VipsRef.take(status, thumbnail), var base = decoded.inMemory() else {
            throw damaged(path)
        }
        if base.bandFormat != VIPS_FORMAT_UCHAR {
            guard let cast = base.castToUChar()?.inMemory() else { throw damaged(path) }
            base = cast
        }
        // An alpha channel where every pixel is opaque (common in PNG screenshots) is dropped: JPEG fallback.
        var hasAlpha = false
        if base.hasAlpha {
            let alphaBand = base.bands - 1
            guard let minimum = base.extractBands(first: alphaBand, count: 1)?.minimum() else { throw damaged(path) }
            if minimum >= 255 {
                guard let opaque = base.extractBands(first: 0, count: alphaBand)?.inMemory() else { throw damaged(path) }
                base = opaque
            } else {
                hasAlpha = true
            }
        }
        guard let clean = base.withoutMetadata() else { throw damaged(path) }

        let fallback: ImageFormat = hasAlpha ? .png : .jpeg
        let formats = settings.formats.filter(ImageSettings.modernFormats.contains) + [fallback]
        var files: [EncodedFile] = []
        for width in widths {
            let sized = try resized(clean, to: width, path: path)
            for format in formats {
                files.append(try save(sized, format: format, role: .variant, path: path))
                count(1)
            }
        }
        // og:image: a JPEG (transparent pixels onto white); the same bytes as a JPEG variant of that width.
        if let same = files.first(where: { $0.format == .jpeg && $0.width == ogWidth && !hasAlpha }) {
            files.append(EncodedFile(role: .og, format: .jpeg, width: same.width, height: same.height, data: same.data,
                                     sha256: same.sha256))
        } else {
            var og = try resized(clean, to: ogWidth, path: path)
            if hasAlpha {
                guard let flat = og.flattenedOnWhite() else { throw damaged(path) }
                og = flat
            }
            files.append(try save(og, format: .jpeg, role: .og, path: path))
            count(1)
        }
        if settings.publishOriginal {
            if let same = files.first(where: { $0.role == .variant && $0.format == fallback && $0.width == info.width }) {
                files.append(EncodedFile(role: .original, format: fallback, width: same.width, height: same.height,
                                         data: same.data, sha256: same.sha256))
            } else {
                files.append(try save(clean, format: fallback, role: .original, path: path))
                count(1)
            }
        }
        return EncodedImage(sourceFormat: info.format, width: info.width, height: info.height, hasAlpha: hasAlpha,
                            files: files)
    }

    /// `image` at `width`, computed into memory once for the formats that follow.
    private func resized(_ image: VipsRef, to width: Int, path: String) throws(ImageProblem) -> VipsRef {
        if width >= image.width { return image }
        guard let shrunk = image.shrunk(toWidth: width)?.withoutMetadata()?.inMemory() else { throw damaged(path) }
        return shrunk
    }

    private func save(_ image: VipsRef, format: ImageFormat, role: EncodedFile.Role,
                      path: String) throws(ImageProblem) -> EncodedFile {
        let quality = settings.quality
        // Removed again here: whatever an operation attached since, no output carries metadata.
        guard let image = image.withoutMetadata() else { throw damaged(path) }
        let data: Data?
        switch format {
        case .webp:
            data = image.save { bantin_vips_webp($0, $1, $2, Int32(quality.webp)) }.flatMap(Vips.webpWithoutMetadata)
        case .avif:
            data = image.save { bantin_vips_avif($0, $1, $2, Int32(quality.avif), Int32(Self.avifEffort)) }
        case .png:
            data = image.save { bantin_vips_png($0, $1, $2) }
        default:
            data = image.save { bantin_vips_jpeg($0, $1, $2, Int32(quality.jpeg), Self.progressiveJPEG ? 1 : 0) }
        }
        guard let data else {
            throw ImageProblem(path: path, kind: .outputFailed,
                               message: "the \(format.rawValue.uppercased()) file \(image.width) px wide could not be written (\(Vips.takeError()))")
        }
        return EncodedFile(role: role, format: format, width: image.width, height: image.height, data: data,
                           sha256: Vips.sha256(data))
    }

    private func damaged(_ path: String) -> ImageProblem {
        let detail = Vips.takeError()
        return ImageProblem(path: path, kind: .damaged, message:
            "the image is damaged or cut short and cannot be decoded whole; open it on the computer it came from and save or export it again"
            + (detail.isEmpty ? "" : " (\(detail))"))
    }
}
