import CVips
import Foundation
import Testing
@testable import BanTinImages

/// A GIF is published as libvips writes it again: every frame, without the metadata the editor's file carried.
@Suite struct CleanGIFTests {
    /// The fixture made a two-frame animation, with an XMP packet (GPS) and a comment inserted before its frames.
    static func taggedAnimation() throws -> Data {
        let plain = [UInt8](try Data(contentsOf: ImageWorkspace.fixtures.appendingPathComponent("passthrough.gif")))
        // Header and palette (25 bytes), NETSCAPE loop block (19), then a frame (GCE + image) up to the trailer.
        let head = Array(plain[0..<25]), loop = Array(plain[25..<44]), frame = Array(plain[44..<(plain.count - 1)])
        let xmp = Array(#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>10,15.5N</exif:GPSLatitude></x:xmpmeta>"#.utf8)
        let application: [UInt8] = [0x21, 0xFF, 0x0B] + Array("XMP DataXMP".utf8) + [UInt8(xmp.count)] + xmp + [0x00]
        let note = Array("GPS 10.2583,105.9720 Vinh Long".utf8)
        let comment: [UInt8] = [0x21, 0xFE, UInt8(note.count)] + note + [0x00]
        return Data(head + application + comment + loop + frame + frame + [0x3B])
    }

    static func pages(_ data: Data) -> Int32 {
        _ = Vips.started
        return data.withUnsafeBytes { bantin_vips_pages($0.baseAddress, $0.count) }
    }

    @Test func theCleanedGIFKeepsItsFramesAndLosesItsMetadata() throws {
        let workspace = ImageWorkspace()
        let tagged = try Self.taggedAnimation()
        #expect(Self.pages(tagged) == 2)
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-gif-\(UUID().uuidString).gif")
        defer { try? FileManager.default.removeItem(at: source) }
        try tagged.write(to: source)
        let cleaned = try CleanGIF.file(for: source, cacheDirectory: workspace.cache).get()
        let bytes = try Data(contentsOf: cleaned)
        #expect(bytes.starts(with: Data("GIF8".utf8)))
        #expect(Self.pages(bytes) == 2)
        for marker in ["XMP", "xmpmeta", "GPS", "Vinh Long"] {
            #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(marker) is still in the GIF")
        }
        // Made once: the same source gives the same cache file.
        #expect(try CleanGIF.file(for: source, cacheDirectory: workspace.cache).get() == cleaned)
        // Not a GIF libvips can read: a problem naming the file.
        try Data("GIF89a broken".utf8).write(to: source)
        #expect(throws: ImageProblem.self) { try CleanGIF.file(for: source, cacheDirectory: workspace.cache).get() }
    }
}
