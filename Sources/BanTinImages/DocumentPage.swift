import CVips
import Foundation

/// The first page of a PDF as a picture: a PNG the image pipeline then resizes and caches like any photo, so a
/// document's page shows what the file holds before it is downloaded.
public enum DocumentPage {
    /// Drawn this wide: the widest a document's page shows it (twice its 12rem at 2 device pixels per CSS pixel).
    public static let width = 600

    /// The same, kept in `cacheDirectory` (`pdf-pages/<SHA-256 of the PDF>-<width>x<height>.png`): drawing a page took about
    /// 20 ms, which every build of a site with 500 PDFs would pay again (10 s) though the files had not changed.
    public static func firstPage(ofPDF bytes: Data, width: Int = DocumentPage.width, cacheDirectory: URL) -> Result<Data, ImageProblem> {
        let folder = cacheDirectory.appendingPathComponent("pdf-pages")
        // Named by the box it is drawn into (`width` wide, at most three times as tall: the shim's bound).
        let file = folder.appendingPathComponent("\(Vips.sha256(bytes))-\(width)x\(width * 3).png")
        if let kept = FileManager.default.contents(atPath: file.path), kept.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return .success(kept)
        }
        let drawn = firstPage(ofPDF: bytes, width: width)
        if case .success(let png) = drawn {
            // Written under another name and renamed, so a build reading it meanwhile never sees half a file.
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(UUID().uuidString).tmp")
            if (try? png.write(to: temporary)) != nil, rename(temporary.path, file.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
            }
        }
        return drawn
    }

    /// The first page of the PDF `bytes`, on white, as PNG bytes; nil (with libvips' reason) when poppler cannot
    /// read it.
    public static func firstPage(ofPDF bytes: Data, width: Int = DocumentPage.width) -> Result<Data, ImageProblem> {
        guard Vips.started else {
            let detail = Vips.takeError()
            return .failure(ImageProblem(path: "", kind: .outputFailed, message: "libvips could not be started: \(detail)", detail: detail))
        }
        var out: UnsafeMutablePointer<VipsImage>?
        let status = bytes.withUnsafeBytes { raw in bantin_vips_pdf_first_page(raw.baseAddress, raw.count, &out, Int32(width)) }
        guard let page = VipsRef.take(status, out) else {
            let detail = Vips.takeError()
            return .failure(ImageProblem(path: "", kind: .damaged, message: "the PDF's first page cannot be drawn (\(detail))", detail: detail))
        }
        // Poppler draws with transparency where the page has no background of its own.
        guard let flat = page.hasAlpha ? page.flattenedOnWhite() : page, let clean = flat.withoutMetadata(),
              let png = clean.save({ bantin_vips_png($0, $1, $2) }) else {
            let detail = Vips.takeError()
            return .failure(ImageProblem(path: "", kind: .outputFailed, message: "the PDF's first page cannot be encoded (\(detail))", detail: detail))
        }
        return .success(png)
    }
}
