import CVips
import Foundation

/// One file encoded for an image, before it has a name.
struct EncodedFile: Sendable {
    enum Role: String, Codable, Sendable {
        /// `variant`: a `srcset` width; `fallback`: the one JPEG/PNG beside modern formats; `og`: the og:image JPEG
        /// (the fallback's bytes when it is a JPEG); `original`: full size, with `publish_original`.
        case variant, fallback, og, original
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

/// Decodes one image once, at the largest size any output needs, and writes every output from that copy: each
/// width from the next wider one, so no resize starts again from the full decoded photo.
///
/// Files for a photo with a modern format (WebP, the default): one per width and modern format (the `srcset`
/// inside `<picture>`), and one JPEG `og_width` wide (PNG when some pixel is transparent) that is at once the
/// `<img src>` for browsers without WebP, the picture of feeds and the og:image. Every browser in use reads WebP,
/// so JPEGs at every width were only encoding time and cache space (3 WebP + 4 JPEG a photo before, 3 + 1 now).
/// Without a modern format, the fallback format is written at every width instead.
struct ImageEncoder {
    let settings: ImageSettings

    /// Baseline JPEG: progressive was 3% smaller but took 1.5 times the processor time to encode (six 1920 px
    /// photos, Q75), and the JPEG is only the fallback behind WebP and the og:image.
    static let progressiveJPEG = false
    /// libwebp's method 0–6 (libvips' `effort`, default 4). Six sample photos at 960 px, Q80: effort 4 made
    /// 646 KB at butteraugli 20.07 (sum of six), effort 2 664 KB (+3%) at 20.34, effort 0 741 KB at 23.70; at
    /// 1600/960/480 px effort 2 took 0.67 processor-seconds for the seven photos against 1.68 at effort 4. WebP
    /// was two thirds of all encoding time, so 2 is where speed costs almost nothing in bytes or looks.
    static let webpEffort = 2
    /// libaom's effort 0–9 (libvips' default 4 takes seconds per 1920 px photo); AVIF is optional.
    static let avifEffort = 2

    /// The widths to write for a picture `width` pixels wide: the settings' widths up to it, and its own width
    /// when it is narrower than the largest (a 1000 px photo gets 320, 640, 960 and 1000).
    static func widths(for width: Int, settings: ImageSettings) -> [Int] {
        var widths = settings.widths.filter { $0 <= width }
        if let largest = settings.widths.last, width < largest, widths.last != width { widths.append(width) }
        return widths
    }

    /// libjpeg's shrink-on-load factor (1, 2, 4 or 8) for a JPEG `width` pixels wide (as displayed) needed at most
    /// `target` wide: the largest that still decodes it at least `target` wide, so nothing is ever enlarged. A
    /// 12 MP phone photo (4000×3000) for outputs up to 1600 px is decoded at 2000×1500 instead of whole: 51
    /// against 76 ms of processor time, and the resize to 1600 px that follows 48 against 80 ms (a quarter of the
    /// pixels to read). The same photo held upright (3000 px wide) is decoded whole: 1500 px would be too narrow.
    /// CMYK JPEGs are not pre-shrunk: they are resized in linear light, which libjpeg's shrink does not do.
    static func jpegShrink(from width: Int, to target: Int) -> Int {
        var shrink = 1
        while shrink < 8, target > 0, width / (shrink * 2) >= target { shrink *= 2 }
        return shrink
    }

    /// `header` was read from `bytes`; `count` is called once per file encoded.
    func encode(_ bytes: UnsafeRawBufferPointer, header: Header, path: String,
                count: (Int) -> Void) throws(ImageProblem) -> EncodedImage {
        let info = header.info
        guard info.pixelCount <= settings.maxPixels else {
            throw ImageProblem(path: path, kind: .tooManyPixels, message: String(
                format: "the image is %d × %d pixels (%.0f megapixels), more than the %.0f allowed (images: max_pixels in site.yml); resize it before publishing",
                info.width, info.height, Double(info.pixelCount) / 1e6, Double(settings.maxPixels) / 1e6),
                reason: .tooManyPixels(width: info.width, height: info.height, megapixels: Int((Double(info.pixelCount) / 1e6).rounded()),
                                       limit: Int((Double(settings.maxPixels) / 1e6).rounded())))
        }
        let widths = Self.widths(for: info.width, settings: settings)
        let fallbackWidth = min(settings.ogWidth, info.width)
        let decodeWidth = settings.publishOriginal ? info.width : max(widths.last ?? info.width, fallbackWidth)
        let hasAlpha: Bool
        var current: VipsRef
        (current, hasAlpha) = try decode(bytes, header: header, width: decodeWidth, path: path)

        let fallback: ImageFormat = hasAlpha ? .png : .jpeg
        let modern = settings.formats.filter(ImageSettings.modernFormats.contains)
        let perWidth = modern.isEmpty ? [fallback] : modern
        var sizes = Set(widths + [fallbackWidth])
        if settings.publishOriginal { sizes.insert(info.width) }
        var files: [EncodedFile] = []
        func reuse(_ format: ImageFormat, _ width: Int, as role: EncodedFile.Role) -> Bool {
            guard let same = files.first(where: { $0.format == format && $0.width == width }) else { return false }
            files.append(EncodedFile(role: role, format: format, width: same.width, height: same.height, data: same.data,
                                     sha256: same.sha256))
            return true
        }
        // Widest first, each size made from the previous one (the decoded copy is let go after the widest):
        // 1600→1200→960→480 px took 57 ms of processor time a photo against 66 for three resizes from the 1600 px
        // copy, and only two copies are in memory at once.
        for width in sizes.sorted(by: >) {
            let sized = try resized(current, to: width, path: path)
            current = sized
            if widths.contains(width) {
                for format in perWidth {
                    files.append(try save(sized, format: format, role: .variant, path: path))
                    count(1)
                }
            }
            if width == fallbackWidth {
                if !modern.isEmpty {
                    files.append(try save(sized, format: fallback, role: .fallback, path: path))
                    count(1)
                }
                // og:image: a JPEG (transparent pixels onto white); the fallback's own bytes when that is a JPEG.
                if hasAlpha || !reuse(.jpeg, width, as: .og) {
                    guard let flat = hasAlpha ? sized.flattenedOnWhite() : sized else { throw damaged(path) }
                    files.append(try save(flat, format: .jpeg, role: .og, path: path))
                    count(1)
                }
            }
            if settings.publishOriginal, width == info.width, !reuse(fallback, width, as: .original) {
                files.append(try save(sized, format: fallback, role: .original, path: path))
                count(1)
            }
        }
        files.sort { $0.width < $1.width }  // narrowest first, as `srcset` lists them (the sort is stable)
        return EncodedImage(sourceFormat: info.format, width: info.width, height: info.height, hasAlpha: hasAlpha,
                            files: files)
    }

    /// Decoded at most `width` wide (shrinking on load where the format allows), oriented, 8-bit sRGB, in memory,
    /// without metadata; an alpha channel where every pixel is opaque (common in PNG screenshots) is dropped.
    private func decode(_ bytes: UnsafeRawBufferPointer, header: Header, width: Int,
                        path: String) throws(ImageProblem) -> (VipsRef, hasAlpha: Bool) {
        var thumbnail: UnsafeMutablePointer<VipsImage>?
        let exportSRGB: Int32 = header.hasICCProfile && !header.isCMYK ? 1 : 0
        let shrink = header.info.format == .jpeg && !header.isCMYK ? Self.jpegShrink(from: header.info.width, to: width) : 1
        let status = shrink > 1
            ? bantin_vips_thumbnail_jpeg(bytes.baseAddress, bytes.count, &thumbnail, Int32(width), Int32(shrink), exportSRGB)
            : bantin_vips_thumbnail(bytes.baseAddress, bytes.count, &thumbnail, Int32(width), exportSRGB,
                                    header.isCMYK ? 1 : 0)
        guard let decoded = VipsRef.take(status, thumbnail), var base = decoded.inMemory() else {
            throw damaged(path)
        }
        if base.bandFormat != VIPS_FORMAT_UCHAR {
            guard let cast = base.castToUChar()?.inMemory() else { throw damaged(path) }
            base = cast
        }
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
        return (clean, hasAlpha)
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
            data = image.save { bantin_vips_webp($0, $1, $2, Int32(quality.webp), Int32(Self.webpEffort)) }.flatMap(Vips.webpWithoutMetadata)
        case .avif:
            data = image.save { bantin_vips_avif($0, $1, $2, Int32(quality.avif), Int32(Self.avifEffort)) }
        case .png:
            data = image.save { bantin_vips_png($0, $1, $2) }
        default:
            data = image.save { bantin_vips_jpeg($0, $1, $2, Int32(quality.jpeg), Self.progressiveJPEG ? 1 : 0) }
        }
        guard let data else {
            let detail = Vips.takeError()
            throw ImageProblem(path: path, kind: .outputFailed,
                               message: "the \(format.rawValue.uppercased()) file \(image.width) px wide could not be written (\(detail))",
                               detail: "\(format.rawValue.uppercased()) \(image.width) px: \(detail)")
        }
        return EncodedFile(role: role, format: format, width: image.width, height: image.height, data: data,
                           sha256: Vips.sha256(data))
    }

    private func damaged(_ path: String) -> ImageProblem {
        let detail = Vips.takeError()
        return ImageProblem(path: path, kind: .damaged, message:
            "the image is damaged or cut short and cannot be decoded whole; open it on the computer it came from and save or export it again"
            + (detail.isEmpty ? "" : " (\(detail))"), detail: detail)
    }
}
