import CVips
import CZlib
import Foundation

/// The one place that talks to libvips. Every `VipsImage` is owned by a `VipsRef`, which unrefs it once.
enum Vips {
    /// libvips is started once per process, the first time an image is touched.
    /// - The operation cache is off: bantin never repeats an operation, and the cache would keep decoded images
    ///   (and operations holding pointers into source buffers already freed) alive.
    /// - libvips' own thread pool is set by `ImagePipeline` (see `threadsPerImage`).
    static let started: Bool = {
        guard bantin_vips_start() == 0 else { return false }
        vips_cache_set_max(0)
        return true
    }()

    /// libvips' version, part of every cache key: another libvips may encode other bytes.
    static var version: String { String(cString: vips_version_string()) }

    /// Threads libvips uses inside one operation (process-wide).
    static func setThreadsPerImage(_ count: Int) {
        _ = started
        vips_concurrency_set(Int32(count))
    }

    /// libvips' message for the last failure, cleared. The buffer is process-wide, so a message may rarely carry
    /// a line from another image failing at the same moment; callers put the file name and a plain reason first.
    static func takeError() -> String {
        guard let copy = vips_error_buffer_copy() else { return "" }
        defer { g_free(copy) }
        return String(cString: copy).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: "; ")
    }

    /// Hex SHA-256 of `bytes` (GLib's, already linked with libvips).
    static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        guard let text = g_compute_checksum_for_data(G_CHECKSUM_SHA256, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                                     gsize(bytes.count)) else { return "" }
        defer { g_free(text) }
        return String(cString: text)
    }

    static func sha256(_ data: Data) -> String { data.withUnsafeBytes { sha256($0) } }

    /// zlib's CRC-32: ten times faster than SHA-256 here (3.6 GB/s against 0.34), for checking cache files
    /// against damage, where no one is trying to forge a match.
    static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { bytes in
            var crc = CZlib.crc32(0, nil, 0)
            var offset = 0
            while offset < bytes.count {
                let length = min(bytes.count - offset, Int(Int32.max))
                crc = CZlib.crc32(crc, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self), uInt(length))
                offset += length
            }
            return UInt32(crc)
        }
    }

    /// `webp` without EXIF, XMP or ICC chunks (see bantin_webp_strip).
    static func webpWithoutMetadata(_ webp: Data) -> Data? {
        webp.withUnsafeBytes { bytes in
            var out: UnsafeMutablePointer<UInt8>?
            var size = 0
            guard bantin_webp_strip(bytes.baseAddress, bytes.count, &out, &size) == 0, let out else { return nil }
            return Data(bytesNoCopy: out, count: size, deallocator: .custom { pointer, _ in WebPFree(pointer) })
        }
    }
}

/// One reference to a `VipsImage`, released when the Swift value goes.
final class VipsRef {
    let pointer: UnsafeMutablePointer<VipsImage>

    init(_ pointer: UnsafeMutablePointer<VipsImage>) { self.pointer = pointer }

    /// Takes the image an operation wrote to `out`, or nil when it failed.
    static func take(_ status: Int32, _ out: UnsafeMutablePointer<VipsImage>?) -> VipsRef? {
        guard status == 0, let out else {
            if let out { g_object_unref(UnsafeMutableRawPointer(out)) }
            return nil
        }
        return VipsRef(out)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    var width: Int { Int(vips_image_get_width(pointer)) }
    var height: Int { Int(vips_image_get_height(pointer)) }
    var bands: Int { Int(vips_image_get_bands(pointer)) }
    var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }
    var interpretation: VipsInterpretation { vips_image_get_interpretation(pointer) }
    var bandFormat: VipsBandFormat { vips_image_get_format(pointer) }
    var hasICCProfile: Bool { vips_image_get_typeof(pointer, VIPS_META_ICC_NAME) != 0 }
    /// True when the EXIF orientation turns the picture a quarter (5–8): its displayed width is its height.
    var orientationSwapsSides: Bool { vips_image_get_orientation_swap(pointer) != 0 }

    /// Every name the image carries, built-in header fields and metadata alike.
    var fieldNames: [String] {
        guard let fields = vips_image_get_fields(pointer) else { return [] }
        defer { g_strfreev(fields) }
        var names: [String] = []
        var index = 0
        while let name = fields[index] {
            names.append(String(cString: name))
            index += 1
        }
        return names
    }

    /// A new image sharing these pixels, with no metadata at all: EXIF (GPS, maker notes), XMP, IPTC, the ICC
    /// profile (pixels are already sRGB), orientation, comments. Removing them from the image is what keeps them
    /// out of WebP: the savers' `strip` is not enough in libvips 8.14.
    func withoutMetadata() -> VipsRef? {
        var out: UnsafeMutablePointer<VipsImage>?
        guard let copy = VipsRef.take(bantin_vips_copy(pointer, &out), out) else { return nil }
        // Built-in fields (width, bands, …) are not metadata: vips_image_remove ignores them.
        for name in copy.fieldNames { _ = vips_image_remove(copy.pointer, name) }
        return copy
    }

    /// The pixels computed now and kept in memory, so several outputs do not each decode the source again.
    func inMemory() -> VipsRef? {
        guard let memory = vips_image_copy_memory(pointer) else { return nil }
        return VipsRef(memory)
    }

    func shrunk(toWidth width: Int) -> VipsRef? {
        var out: UnsafeMutablePointer<VipsImage>?
        return VipsRef.take(bantin_vips_shrink(pointer, &out, Int32(width)), out)
    }

    func extractBands(first: Int, count: Int) -> VipsRef? {
        var out: UnsafeMutablePointer<VipsImage>?
        return VipsRef.take(bantin_vips_extract_bands(pointer, &out, Int32(first), Int32(count)), out)
    }

    func castToUChar() -> VipsRef? {
        var out: UnsafeMutablePointer<VipsImage>?
        return VipsRef.take(bantin_vips_cast_uchar(pointer, &out), out)
    }

    func toSRGB() -> VipsRef? {
        var out: UnsafeMutablePointer<VipsImage>?
        return VipsRef.take(bantin_vips_to_srgb(pointer, &out), out)
    }

    func flattenedOnWhite() -> VipsRef? {
        var out: UnsafeMutablePointer<VipsImage>?
        return VipsRef.take(bantin_vips_flatten_white(pointer, &out), out)
    }

    func minimum() -> Double? {
        var value = 0.0
        return bantin_vips_min(pointer, &value) == 0 ? value : nil
    }

    /// Runs a saver that fills a GLib buffer, and hands its bytes to Swift without a copy.
    func save(_ saver: (UnsafeMutablePointer<VipsImage>, UnsafeMutablePointer<UnsafeMutableRawPointer?>,
                        UnsafeMutablePointer<Int>) -> Int32) -> Data? {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard saver(pointer, &buffer, &length) == 0, let buffer else { return nil }
        return Data(bytesNoCopy: buffer, count: length, deallocator: .custom { pointer, _ in g_free(pointer) })
    }
}
