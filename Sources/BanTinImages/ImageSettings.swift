import Foundation
import Yams

/// How photos are published: the `images:` section of site.yml.
///
/// ```yaml
/// images:
///   widths: [320, 640, 960, 1280, 1920]   # srcset widths; never wider than the original
///   formats: [webp]                       # modern formats beside the JPEG/PNG fallback: webp, avif
///   quality: 80                           # 1–100 for JPEG and WebP, or {jpeg: 80, webp: 80, avif: 65}
///   max_pixels: 100000000                 # larger images are refused before they are decoded
///   publish_original: false               # also a full-size JPEG/PNG (metadata removed)
///   og_width: 1200                        # width of the og:image JPEG
/// ```
public struct ImageSettings: Sendable, Hashable {
    /// Quality (1–100) of each lossy format.
    public struct Quality: Sendable, Hashable {
        public var jpeg: Int
        public var webp: Int
        public var avif: Int

        public init(jpeg: Int, webp: Int, avif: Int) {
            self.jpeg = jpeg
            self.webp = webp
            self.avif = avif
        }

        /// One number for JPEG and WebP; AVIF keeps its own, its scale being another (see `defaultAVIF`).
        public init(_ jpegAndWebP: Int, avif: Int = Quality.defaultAVIF) {
            self.init(jpeg: jpegAndWebP, webp: jpegAndWebP, avif: avif)
        }

        /// On six 960 px photos (butteraugli distance to the uncompressed picture, lower is closer; total size):
        /// AVIF 65 (effort 2) 3.09 and 582 KB, near WebP 80 (2.85, 632 KB) and JPEG 75 (2.84, 658 KB).
        public static let defaultAVIF = 65
    }

    public var widths = [320, 640, 960, 1280, 1920]
    /// Written beside the fallback (JPEG, or PNG for pictures with transparency), which is always written.
    public var formats: [ImageFormat] = [.webp]
    public var quality = Quality(ImageSettings.defaultQuality)
    /// 100 megapixels: a 4032×3024 phone photo is 12, a 30000×30000 PNG bomb 900.
    public var maxPixels = 100_000_000
    public var publishOriginal = false
    public var ogWidth = 1200

    /// 80 rather than 75: on six photos resized to 960 px, WebP 75 is 20% smaller than WebP 80 (508 against
    /// 632 KB) but 25% further from the original (butteraugli 3.55 against 2.85, worse than JPEG 70's 3.02);
    /// WebP 80 is as close as JPEG 75 and JPEG 80 closer still (2.61, 761 KB). docs/IMAGES.md has the table.
    public static let defaultQuality = 80

    public init() {}

    static let knownKeys = ["widths", "formats", "quality", "max_pixels", "publish_original", "og_width"]
    static let widthRange = 16...8192
    static let ogWidthRange = 200...4096
    static let modernFormats: [ImageFormat] = [.webp, .avif]

    /// Settings from the `images:` node of site.yml (nil when there is none: all defaults), and every problem
    /// found with its line. `lineOffset` is added to Yams' lines when the YAML did not start on the file's first line.
    public static func read(_ node: Node?, file: String, lineOffset: Int = 0)
        -> (settings: ImageSettings, diagnostics: [ImageSettingsDiagnostic]) {
        var reader = Reader(file: file, lineOffset: lineOffset)
        var settings = ImageSettings()
        guard let node, !isNull(node) else { return (settings, []) }
        guard let mapping = node.mapping else {
            reader.error(node, "\"images\" must be a group of \"key: value\" lines, found \(kind(of: node))")
            return (settings, reader.diagnostics)
        }
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard knownKeys.contains(name) else {
                reader.warning(key, "unknown key \"\(name)\" in images; known keys: \(knownKeys.joined(separator: ", "))")
                continue
            }
            if isNull(value) { continue }
            switch name {
            case "widths": settings.widths = reader.widths(value) ?? settings.widths
            case "formats": settings.formats = reader.formats(value) ?? settings.formats
            case "quality": settings.quality = reader.quality(value) ?? settings.quality
            case "max_pixels":
                settings.maxPixels = reader.int(value, key: name, in: 1...2_000_000_000) ?? settings.maxPixels
            case "publish_original":
                if let flag = value.bool { settings.publishOriginal = flag } else {
                    reader.error(value, "\"publish_original\" must be true or false, found \"\(value.string ?? kind(of: value))\"")
                }
            case "og_width": settings.ogWidth = reader.int(value, key: name, in: ogWidthRange) ?? settings.ogWidth
            default: break
            }
        }
        return (settings, reader.diagnostics)
    }

    /// Everything that changes the bytes written, for cache keys.
    var fingerprint: String {
        "w=\(widths.map(String.init).joined(separator: ",")) f=\(formats.map(\.rawValue).joined(separator: ","))"
            + " q=\(quality.jpeg),\(quality.webp),\(quality.avif) max=\(maxPixels) orig=\(publishOriginal) og=\(ogWidth)"
    }

    private static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return true
        }
        return false
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "a group of \"key: value\" lines"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Reads values, collecting problems with their lines.
    private struct Reader {
        let file: String
        let lineOffset: Int
        var diagnostics: [ImageSettingsDiagnostic] = []

        func line(_ node: Node) -> Int? { node.mark.map { $0.line + lineOffset } }

        mutating func error(_ node: Node, _ message: String) {
            diagnostics.append(ImageSettingsDiagnostic(.error, file: file, line: line(node), message))
        }

        mutating func warning(_ node: Node, _ message: String) {
            diagnostics.append(ImageSettingsDiagnostic(.warning, file: file, line: line(node), message))
        }

        mutating func int(_ node: Node, key: String, in range: ClosedRange<Int>) -> Int? {
            guard let number = node.int, range.contains(number) else {
                error(node, "\"\(key)\" must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(kind(of: node))")
                return nil
            }
            return number
        }

        /// A list of widths (or one width), sorted, each once.
        mutating func widths(_ node: Node) -> [Int]? {
            let items = node.sequence.map(Array.init) ?? [node]
            var widths: [Int] = []
            for item in items {
                if let width = int(item, key: "widths", in: widthRange) { widths.append(width) }
            }
            guard widths.count == items.count else { return nil }
            guard !widths.isEmpty else {
                error(node, "\"widths\" must list at least one width, such as [320, 640, 960, 1280, 1920]")
                return nil
            }
            return Array(Set(widths)).sorted()
        }

        /// Modern formats to write beside the fallback; naming the fallback (jpeg, png) is allowed and changes nothing.
        mutating func formats(_ node: Node) -> [ImageFormat]? {
            let items: [(name: String, node: Node)]
            if let sequence = node.sequence {
                items = sequence.map { ($0.string ?? "", $0) }
            } else if let text = node.string {
                // `formats: webp, avif` as a comma-separated text, as site.yml's other lists accept.
                items = text.split(separator: ",").map { (String($0).trimmingCharacters(in: .whitespaces), node) }
            } else {
                error(node, "\"formats\" must be a list such as [webp, avif], found \(kind(of: node))")
                return nil
            }
            var formats: [ImageFormat] = []
            var valid = true
            for (text, item) in items {
                let name = text.lowercased()
                if let format = ImageFormat(rawValue: name == "jpg" ? "jpeg" : name),
                   modernFormats.contains(format) || format == .jpeg || format == .png {
                    if modernFormats.contains(format), !formats.contains(format) { formats.append(format) }
                } else {
                    error(item, "unknown image format \"\(text)\" in \"formats\"; use webp and/or avif (JPEG or PNG is always written as the fallback)")
                    valid = false
                }
            }
            return valid ? formats : nil
        }

        /// One number for every format, or one per format.
        mutating func quality(_ node: Node) -> Quality? {
            if node.mapping == nil {
                return int(node, key: "quality", in: 1...100).map { Quality($0) }
            }
            var quality = Quality(ImageSettings.defaultQuality)
            for (key, value) in node.mapping! {
                let name = key.string ?? ""
                switch name {
                case "jpeg", "jpg": quality.jpeg = int(value, key: "quality \(name)", in: 1...100) ?? quality.jpeg
                case "webp": quality.webp = int(value, key: "quality webp", in: 1...100) ?? quality.webp
                case "avif": quality.avif = int(value, key: "quality avif", in: 1...100) ?? quality.avif
                default: warning(key, "unknown key \"\(name)\" in images quality; known keys: jpeg, webp, avif")
                }
            }
            return quality
        }
    }
}

/// A problem in the `images:` section, shaped like bantin's `Diagnostic` (which the build maps it to).
public struct ImageSettingsDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var file: String
    public var line: Int?
    public var message: String

    public init(_ severity: Severity, file: String, line: Int?, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: warning: message`.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(severity.rawValue): \(message)"
    }
}
