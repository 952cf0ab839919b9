import CVips
import Foundation

/// The site's own pictures, drawn from its logo (an SVG, through libvips' SVG loader): the browser icon, the
/// home-screen icon of a phone, and the picture shared on Facebook or Zalo for pages with no raster picture of
/// their own (neither renders SVG). Deterministic: the same logo gives the same bytes, so an unchanged rebuild
/// writes none of them.
public struct SiteIcons: Sendable, Equatable {
    /// `/favicon.ico`: PNG images of 16, 32 and 48 px in one ICO file.
    public var favicon: Data
    /// `/apple-touch-icon.png`: 180 × 180, opaque (iOS fills transparency with black).
    public var appleTouchIcon: Data
    /// The default share picture: 1200 × 630 PNG, the logo centred on the background colour.
    public var shareImage: Data

    public static let faviconSizes = [16, 32, 48]
    public static let appleTouchSize = 180
    public static let shareSize = (width: 1200, height: 630)
    /// The largest width or height a logo may declare.
    public static let maxLogoSide = 8192

    /// `background`: red, green and blue from 0 to 255, behind the logo (white by default).
    public static func make(logo: Data, path: String,
                            background: (Double, Double, Double) = (255, 255, 255)) throws(ImageProblem) -> SiteIcons {
        guard Vips.started else {
            let detail = Vips.takeError()
            throw ImageProblem(path: path, kind: .outputFailed, message: "libvips could not be started: \(detail)", detail: detail)
        }
        // The drawing's declared size bounds what the SVG renderer allocates: a logo declaring a million pixels
        // a side took the build to 13.5 GB. A logo is drawn at most 1200 px wide; its own size need not be huge.
        let declared = logo.withUnsafeBytes { bytes in
            bantin_vips_header(bytes.baseAddress, bytes.count).map { header in
                defer { g_object_unref(header) }
                return (width: Int(vips_image_get_width(header)), height: Int(vips_image_get_height(header)))
            }
        }
        guard let declared else {
            throw ImageProblem(path: path, kind: .notAnImage, message: "the logo cannot be read (\(Vips.takeError()))")
        }
        guard declared.width <= maxLogoSide, declared.height <= maxLogoSide else {
            throw ImageProblem(path: path, kind: .tooManyPixels, message: "the logo declares a drawing of \(declared.width) × \(declared.height) px; "
                + "at most \(maxLogoSide) px a side is drawn: give the <svg> a smaller width and height (its viewBox keeps the shapes)")
        }
        func png(_ width: Int, _ height: Int, logoWidth: Int, logoHeight: Int) throws(ImageProblem) -> Data {
            var out: UnsafeMutablePointer<VipsImage>?
            let status = logo.withUnsafeBytes { bytes in
                bantin_vips_icon(bytes.baseAddress, bytes.count, &out, Int32(width), Int32(height),
                                 Int32(logoWidth), Int32(logoHeight), background.0, background.1, background.2)
            }
            guard let drawn = VipsRef.take(status, out) else {
                let detail = Vips.takeError()
                throw ImageProblem(path: path, kind: .notAnImage, message: "the logo could not be drawn (\(detail))",
                                   reason: .logoNotDrawn, detail: detail)
            }
            guard let clean = drawn.withoutMetadata(), let bytes = clean.save({ bantin_vips_png($0, $1, $2) }) else {
                let detail = Vips.takeError()
                throw ImageProblem(path: path, kind: .outputFailed, message: "the icon could not be encoded (\(detail))", detail: detail)
            }
            return bytes
        }
        let icons = try faviconSizes.map { size throws(ImageProblem) in (size, try png(size, size, logoWidth: size, logoHeight: size)) }
        let touch = appleTouchSize
        // Apple's guideline leaves a margin around the mark; a fifth of the side each way.
        let touchIcon = try png(touch, touch, logoWidth: touch * 4 / 5, logoHeight: touch * 4 / 5)
        let share = try png(shareSize.width, shareSize.height, logoWidth: shareSize.height / 2, logoHeight: shareSize.height / 2)
        return SiteIcons(favicon: ico(icons), appleTouchIcon: touchIcon, shareImage: share)
    }

    /// An ICO file holding PNG images: a 6-byte header, a 16-byte directory entry per image, then the PNGs as they
    /// are (the container browsers read; every image in it is libvips' PNG).
    static func ico(_ images: [(size: Int, png: Data)]) -> Data {
        var data = Data()
        func le16(_ value: Int) { data.append(UInt8(value & 0xFF)); data.append(UInt8((value >> 8) & 0xFF)) }
        func le32(_ value: Int) { le16(value & 0xFFFF); le16((value >> 16) & 0xFFFF) }
        le16(0)                // reserved
        le16(1)                // type: icon
        le16(images.count)
        var offset = 6 + 16 * images.count
        for image in images {
            data.append(UInt8(image.size >= 256 ? 0 : image.size))   // width (0 means 256)
            data.append(UInt8(image.size >= 256 ? 0 : image.size))   // height
            data.append(0)     // no palette
            data.append(0)     // reserved
            le16(1)            // colour planes
            le16(24)           // bits per pixel: the PNGs are opaque RGB
            le32(image.png.count)
            le32(offset)
            offset += image.png.count
        }
        for image in images { data.append(image.png) }
        return data
    }
}
