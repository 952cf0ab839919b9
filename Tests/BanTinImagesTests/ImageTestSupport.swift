import CVips
import Foundation
@testable import BanTinImages

/// Fixtures (made once by Fixtures/make-fixtures.sh) and a fresh cache folder per test.
final class ImageWorkspace {
    let cache: URL

    init() {
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-images-\(UUID().uuidString)")
    }

    deinit { try? FileManager.default.removeItem(at: cache) }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func source(_ name: String) -> SourceImage {
        SourceImage(path: "content/images/\(name)", file: fixtures.appendingPathComponent(name))
    }

    func pipeline(_ settings: ImageSettings = ImageSettings()) -> ImagePipeline {
        ImagePipeline(settings: settings, cacheDirectory: cache)
    }

    func processOne(_ name: String, _ settings: ImageSettings = ImageSettings()) throws -> ProcessedImage {
        try pipeline(settings).process([Self.source(name)])[0].get()
    }
}

extension ImageVariant {
    var bytes: Data {
        guard case .cacheFile(let url) = location, let data = try? Data(contentsOf: url) else { return Data() }
        return data
    }
}

extension ProcessedImage {
    /// Every file written: variants, og:image, original.
    var allFiles: [ImageVariant] { variants + [fallbackFile, ogImage, original].compactMap { $0 } }
}

/// An output decoded again by libvips, to look at its pixels and header fields.
struct Decoded {
    let width: Int
    let height: Int
    let bands: Int
    let isEightBit: Bool
    let interpretation: VipsInterpretation
    let fieldNames: [String]
    private let image: VipsRef

    init?(_ data: Data) {
        _ = Vips.started
        // Decoded whole into memory at once: the header image reads `bytes` lazily and only in sequence.
        guard let pointer = data.withUnsafeBytes({ bantin_vips_header($0.baseAddress, $0.count) }),
              let decoded = VipsRef(pointer).inMemory() else { return nil }
        image = decoded
        width = image.width
        height = image.height
        bands = image.bands
        isEightBit = image.bandFormat == VIPS_FORMAT_UCHAR
        interpretation = image.interpretation
        fieldNames = image.fieldNames
    }

    /// Band values of one pixel (NaN when it cannot be read, so comparisons fail).
    func pixel(_ x: Int, _ y: Int) -> [Double] {
        var vector: UnsafeMutablePointer<Double>?
        var count: Int32 = 0
        guard bantin_vips_getpoint(image.pointer, &vector, &count, Int32(x), Int32(y)) == 0, let vector else {
            return Array(repeating: .nan, count: 4)
        }
        defer { g_free(vector) }
        return Array(UnsafeBufferPointer(start: vector, count: Int(count)))
    }

    /// Metadata libvips finds after loading: none may be EXIF, XMP, IPTC, ICC or orientation.
    var privateFields: [String] {
        fieldNames.filter {
            $0.hasPrefix("exif-") || $0 == "xmp-data" || $0 == "iptc-data" || $0 == "icc-profile-data"
                || $0 == "orientation" || $0.hasPrefix("png-comment") || $0 == "gif-comment" || $0.contains("gps")
        }
    }
}

/// The metadata-bearing blocks found by reading a file's structure, per format.
enum MetadataBlocks {
    /// JPEG segments before the picture data that carry metadata: APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC).
    static func jpeg(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        var found: [String] = []
        var index = 2
        while index + 4 <= bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            if marker == 0xDA { break }  // start of scan: no more headers
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            switch marker {
            case 0xE1: found.append("APP1")
            case 0xE2: found.append("APP2")
            case 0xED: found.append("APP13")
            case 0xFE: found.append("COM")
            default: break
            }
            index += 2 + length
        }
        return found
    }

    /// WebP RIFF chunks other than picture data, and VP8X flags announcing metadata.
    static func webp(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        guard bytes.count > 12, String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF",
              String(decoding: bytes[8..<12], as: UTF8.self) == "WEBP" else { return ["not a WebP file"] }
        var found: [String] = []
        var index = 12
        while index + 8 <= bytes.count {
            let fourCC = String(decoding: bytes[index..<index + 4], as: UTF8.self)
            let size = Int(bytes[index + 4]) | Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]) << 16 | Int(bytes[index + 7]) << 24
            if !["VP8 ", "VP8L", "VP8X", "ALPH"].contains(fourCC) { found.append(fourCC) }
            if fourCC == "VP8X", index + 8 < bytes.count {
                let flags = bytes[index + 8]
                if flags & 0x20 != 0 { found.append("VP8X ICC flag") }
                if flags & 0x08 != 0 { found.append("VP8X EXIF flag") }
                if flags & 0x04 != 0 { found.append("VP8X XMP flag") }
            }
            index += 8 + size + (size & 1)
        }
        return found
    }

    /// PNG chunks that carry metadata or text.
    static func png(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        var found: [String] = []
        var index = 8
        while index + 8 <= bytes.count {
            let length = Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            let type = String(decoding: bytes[index + 4..<index + 8], as: UTF8.self)
            if ["eXIf", "iCCP", "iTXt", "tEXt", "zTXt", "tIME"].contains(type) { found.append(type) }
            index += 12 + length
        }
        return found
    }

    static func of(_ variant: ImageVariant) -> [String] {
        let data = variant.bytes
        var found: [String]
        switch variant.format {
        case .jpeg: found = jpeg(data)
        case .webp: found = webp(data)
        case .png: found = png(data)
        default: found = []
        }
        // Whatever the container, none of the fixtures' private values may survive as text.
        for secret in ["TestCam", "Nguyen Van A", "bimat"] where data.range(of: Data(secret.utf8)) != nil {
            found.append(secret)
        }
        return found
    }
}
