import CVips
import Foundation
import Testing
@testable import BanTinImages

/// 12 MP phone photos (4000×3000 as stored), landscape or held upright (stored sideways with EXIF Orientation 6 or
/// 8, as phones do), with GPS: every output upright, at its width, without metadata, whether the JPEG is decoded
/// whole or shrunk by libjpeg on load (issue #27).
@Suite struct PhonePhotoTests {
    let workspace = ImageWorkspace()

    /// `make bench-images`' settings: WebP at 480, 960 and 1600 px, one JPEG at 1200.
    static func benchSettings(widths: [Int] = [480, 960, 1600]) -> ImageSettings {
        var settings = ImageSettings()
        settings.widths = widths
        settings.formats = [.webp]
        return settings
    }

    @Test func aJPEGIsShrunkOnLoadByTheLargestFactorThatKeepsItAtLeastAsWideAsTheWidestOutput() {
        #expect(ImageEncoder.jpegShrink(from: 4000, to: 1600) == 2, "a phone photo held level: decoded at 2000 px")
        #expect(ImageEncoder.jpegShrink(from: 3000, to: 1600) == 1, "held upright: 1500 px would be too narrow")
        #expect(ImageEncoder.jpegShrink(from: 3000, to: 1440) == 2)
        #expect(ImageEncoder.jpegShrink(from: 4032, to: 1920) == 2)
        #expect(ImageEncoder.jpegShrink(from: 2000, to: 1600) == 1, "the sample's 2000 px photos: decoded whole")
        #expect(ImageEncoder.jpegShrink(from: 1999, to: 1000) == 1)
        #expect(ImageEncoder.jpegShrink(from: 4000, to: 1000) == 4)
        #expect(ImageEncoder.jpegShrink(from: 16000, to: 960) == 8, "libjpeg shrinks 8 times at most")
        #expect(ImageEncoder.jpegShrink(from: 800, to: 1600) == 1, "never enlarged")
    }

    @Test func aTwelveMegapixelLandscapeComesOutAtEveryWidthWithItsPictureInPlaceAndNoGPS() throws {
        let image = try process(PhonePhoto.jpeg(orientation: 1), Self.benchSettings())
        #expect(image.width == 4000 && image.height == 3000)
        #expect(image.variants(for: .webp).map { "\($0.width)x\($0.height)" } == ["480x360", "960x720", "1600x1200"])
        #expect(image.fallback.format == .jpeg && image.fallback.width == 1200 && image.fallback.height == 900)
        try expectUprightAndClean(image, redCorner: .topLeft)
    }

    @Test(arguments: [6, 8])
    func aTwelveMegapixelPhotoStoredSidewaysComesOutUprightAtEveryWidthAndNoGPS(orientation: Int) throws {
        // Stored 4000×3000 with its red quarter top left; 6 shows it turned a quarter clockwise (red at the top
        // right), 8 anticlockwise (red at the bottom left).
        let photo = try PhonePhoto.jpeg(orientation: orientation)
        let source = try #require(PhonePhoto.header(photo))
        #expect(source.width == 4000 && source.height == 3000 && vips_image_get_orientation(source.pointer) == orientation)
        #expect(source.fieldNames.contains("exif-ifd3-GPSLatitude"), "the source has a GPS position: \(source.fieldNames)")
        let corner: PhonePhoto.Corner = orientation == 6 ? .topRight : .bottomLeft
        // 1600 px outputs from a picture 3000 px wide: decoded whole.
        let whole = try process(photo, Self.benchSettings())
        #expect(whole.width == 3000 && whole.height == 4000)
        #expect(whole.variants(for: .webp).map { "\($0.width)x\($0.height)" } == ["480x640", "960x1280", "1600x2133"])
        #expect(whole.fallback.width == 1200 && whole.fallback.height == 1600)
        try expectUprightAndClean(whole, redCorner: corner)
        // 1440 px outputs: decoded at 1500×2000 by libjpeg's shrink, then turned.
        let shrunk = try process(photo, Self.benchSettings(widths: [480, 960, 1440]))
        #expect(shrunk.variants(for: .webp).map { "\($0.width)x\($0.height)" } == ["480x640", "960x1280", "1440x1920"])
        #expect(shrunk.fallback.width == 1200 && shrunk.fallback.height == 1600)
        try expectUprightAndClean(shrunk, redCorner: corner)
    }

    @Test func aPhotoShrunkOnLoadLooksLikeTheSamePhotoDecodedWhole() throws {
        // With publish_original the photo is decoded whole (4000 px); without, at 2000 px. Their 960 px WebPs
        // agree pixel for pixel within what the grain and the encoding leave.
        let photo = try PhonePhoto.jpeg(orientation: 1)
        var wholeSettings = Self.benchSettings(widths: [480, 960])
        wholeSettings.publishOriginal = true
        let shrunk = try process(photo, Self.benchSettings(widths: [480, 960]))
        let whole = try process(photo, wholeSettings)
        let shrunk960 = try #require(shrunk.variants(for: .webp).last), whole960 = try #require(whole.variants(for: .webp).last)
        let a = try #require(Decoded(shrunk960.bytes)), b = try #require(Decoded(whole960.bytes))
        #expect(a.width == 960 && b.width == 960 && a.height == b.height)
        var total = 0.0, largest = 0.0, count = 0
        for row in 0..<12 {
            for column in 0..<16 {
                let x = (2 * column + 1) * a.width / 32, y = (2 * row + 1) * a.height / 24
                let pa = a.pixel(x, y), pb = b.pixel(x, y)
                for band in 0..<3 {
                    total += abs(pa[band] - pb[band])
                    largest = max(largest, abs(pa[band] - pb[band]))
                    count += 1
                }
            }
        }
        #expect(total / Double(count) < 4, "mean difference \(total / Double(count)) levels")
        #expect(largest < 24, "largest difference \(largest) levels")
    }

    private func process(_ photo: Data, _ settings: ImageSettings) throws -> ProcessedImage {
        try workspace.pipeline(settings).process(SourceImage(path: "content/images/phone.jpg", bytes: photo)).get()
    }

    /// Every file decodes at its announced size with the red quarter in `redCorner` and blue in the opposite one,
    /// and carries no metadata (no EXIF block, so no GPS; no orientation left to turn it again).
    private func expectUprightAndClean(_ image: ProcessedImage, redCorner: PhonePhoto.Corner,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        for file in image.allFiles {
            let decoded = try #require(Decoded(file.bytes), "\(file.fileName) decodes", sourceLocation: sourceLocation)
            #expect(decoded.width == file.width && decoded.height == file.height, "\(file.fileName)", sourceLocation: sourceLocation)
            #expect(MetadataBlocks.of(file).isEmpty, "\(file.fileName): \(MetadataBlocks.of(file))", sourceLocation: sourceLocation)
            #expect(decoded.privateFields.isEmpty, "\(file.fileName): \(decoded.privateFields)", sourceLocation: sourceLocation)
            for corner in PhonePhoto.Corner.allCases {
                let (x, y) = corner.point(width: decoded.width, height: decoded.height)
                let pixel = decoded.pixel(x, y)
                let isRed = pixel[0] > 150 && pixel[2] < 100, isBlue = pixel[2] > 150 && pixel[0] < 100
                #expect(corner == redCorner ? isRed : isBlue, "\(file.fileName) \(corner): \(pixel)",
                        sourceLocation: sourceLocation)
            }
        }
    }
}

/// A phone photo made for a test: `bantin_vips_test_jpeg`'s grained picture (red top-left quarter, blue elsewhere)
/// with the EXIF block of Fixtures/orientation-6-gps.jpg (camera, GPS position) spliced in after the JPEG's start,
/// its Orientation set to the one asked for.
enum PhonePhoto {
    enum Corner: CaseIterable {
        case topLeft, topRight, bottomLeft, bottomRight

        /// A point well inside this quarter of a picture.
        func point(width: Int, height: Int) -> (Int, Int) {
            let left = width / 4, right = width * 3 / 4, top = height / 4, bottom = height * 3 / 4
            switch self {
            case .topLeft: return (left, top)
            case .topRight: return (right, top)
            case .bottomLeft: return (left, bottom)
            case .bottomRight: return (right, bottom)
            }
        }
    }

    /// The photo's header as libvips reads it (its EXIF fields among the field names).
    static func header(_ jpeg: Data) -> VipsRef? {
        _ = Vips.started
        return jpeg.withUnsafeBytes { bytes in bantin_vips_header(bytes.baseAddress, bytes.count).map(VipsRef.init) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func jpeg(orientation: Int, width: Int = 4000, height: Int = 3000) throws -> Data {
        _ = Vips.started
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard bantin_vips_test_jpeg(Int32(width), Int32(height), &buffer, &length) == 0, let buffer else {
            throw Failure(description: "the test photo could not be made: \(Vips.takeError())")
        }
        let picture = Data(bytes: buffer, count: length)
        g_free(buffer)
        let fixture = try Data(contentsOf: ImageWorkspace.fixtures.appendingPathComponent("orientation-6-gps.jpg"))
        var exif = try exifSegment(of: fixture)
        try setOrientation(orientation, inSegment: &exif)
        return picture.prefix(2) + exif + picture.dropFirst(2)
    }

    /// The APP1 segment holding EXIF (marker and length included).
    static func exifSegment(of jpeg: Data) throws -> Data {
        let bytes = [UInt8](jpeg)
        var index = 2
        while index + 4 <= bytes.count, bytes[index] == 0xFF, bytes[index + 1] != 0xDA {
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if bytes[index + 1] == 0xE1, index + 10 <= bytes.count, Array(bytes[index + 4..<index + 10]) == Array("Exif\0\0".utf8) {
                return Data(bytes[index..<index + 2 + length])
            }
            index += 2 + length
        }
        throw Failure(description: "no EXIF block in the fixture")
    }

    /// Sets tag 0x0112 (Orientation, a SHORT) of IFD0 in an APP1 EXIF segment.
    static func setOrientation(_ orientation: Int, inSegment segment: inout Data) throws {
        var bytes = [UInt8](segment)
        let tiff = 10  // marker (2), length (2), "Exif\0\0" (6)
        let little = bytes[tiff] == 0x49
        func read(_ offset: Int, _ count: Int) -> Int {
            (0..<count).reduce(0) { value, index in
                value | Int(bytes[tiff + offset + index]) << (8 * (little ? index : count - 1 - index))
            }
        }
        let ifd = read(4, 4)
        for entry in 0..<read(ifd, 2) {
            let offset = ifd + 2 + entry * 12
            guard read(offset, 2) == 0x0112 else { continue }
            let value = tiff + offset + 8
            bytes[value] = little ? UInt8(orientation) : 0
            bytes[value + 1] = little ? 0 : UInt8(orientation)
            segment = Data(bytes)
            return
        }
        throw Failure(description: "no Orientation tag in the fixture's EXIF")
    }
}
