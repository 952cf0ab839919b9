import CVips
import Foundation

/// The first page of a PDF as a picture: a PNG the image pipeline then resizes and caches like any photo, so a
/// document's page shows what the file holds before it is downloaded.
public enum DocumentPage {
    /// Drawn this wide: the widest a document's page shows it (twice its 12rem at 2 device pixels per CSS pixel).
    public static let width = 600

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
