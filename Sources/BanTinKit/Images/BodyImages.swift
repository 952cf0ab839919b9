import BanTinImages
import Foundation

/// The images of rendered bodies: where Markdown put them (for messages), and their `<img>` rewritten with
/// `srcset`, `sizes`, `width` and `height` by the `body-image` template (the designer's; a plain default without).
struct BodyImages {
    let catalog: ImageCatalog
    let templates: TemplateSet

    /// The template that writes a body picture; it sees the image values plus `title`.
    static let templateName = "body-image"

    // cmark-gfm writes `<img src="…" alt="…"` then an optional ` title="…"` and ` />`, already escaped.
    private static let pattern = try! NSRegularExpression(pattern: #"<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")? />"#)

    /// Each image of a body with its line: the first line of the Markdown, from the previous image's on, naming its
    /// address (the body's first line when the address is written otherwise, e.g. as a reference link).
    static func uses(_ html: String, markdown: String, bodyLine: Int, file: String) -> [ImageCatalog.Use] {
        guard Self.hasImageTag(html) else { return [] }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var cursor = 0
        return matches(html).map { match in
            let source = unescape(match.src)
            var line = bodyLine
            if let found = (cursor..<lines.count).first(where: { lines[$0].contains(source) })
                ?? (0..<lines.count).first(where: { lines[$0].contains(source) }) {
                line = bodyLine + found
                cursor = found
            }
            return ImageCatalog.Use(reference: source, file: file, line: line)
        }
    }

    func rewrite(_ html: String) -> String {
        guard Self.hasImageTag(html) else { return html }
        var result = ""
        var last = html.startIndex
        for match in Self.matches(html) {
            let source = Self.unescape(match.src)
            guard let path = ImageCatalog.sitePath(source, basePath: basePathOf(catalog)), let image = catalog.images[path]
            else { continue }
            var values = catalog.values(image, alt: Self.unescape(match.alt), originalURL: source)
            values["title"] = match.title.map(Self.unescape)
            result += html[last..<match.range.lowerBound]
            result += templates.names.contains(Self.templateName)
                ? templates.render(Self.templateName, own: values).trimmingCharacters(in: .whitespacesAndNewlines)
                : Self.plain(values)
            last = match.range.upperBound
        }
        return result + html[last...]
    }

    private func basePathOf(_ catalog: ImageCatalog) -> String {
        String(catalog.urlPrefix.dropLast("images/".count))
    }

    /// Without a `body-image` template: one `<img>` with the fallback's widths.
    static func plain(_ values: [String: Any]) -> String {
        func attribute(_ name: String, _ value: Any?) -> String {
            value.map { " \(name)=\"\(ImageAlt.htmlEscape("\($0)"))\"" } ?? ""
        }
        return "<img" + attribute("src", values["src"]) + attribute("srcset", values["srcset"])
            + (values["srcset"] == nil ? "" : " sizes=\"(max-width: 760px) 100vw, 720px\"")
            + attribute("width", values["width"]) + attribute("height", values["height"]) + attribute("alt", values["alt"])
            + attribute("title", values["title"]) + " loading=\"lazy\" decoding=\"async\">"
    }

    private struct Match {
        var range: Range<String.Index>
        var src: String
        var alt: String
        var title: String?
    }

    private static func matches(_ html: String) -> [Match] {
        pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            guard let whole = Range(match.range, in: html), let src = Range(match.range(at: 1), in: html),
                  let alt = Range(match.range(at: 2), in: html) else { return nil }
            return Match(range: whole, src: String(html[src]), alt: String(html[alt]),
                         title: Range(match.range(at: 3), in: html).map { String(html[$0]) })
        }
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension BodyImages {
    /// Whether a body has an `<img>` at all, on its bytes: most bodies have none, and String's own `contains`
    /// (Unicode-aware) took 2 processor-seconds over 10,000 bodies, twice each.
    static func hasImageTag(_ html: String) -> Bool {
        var html = html
        return html.withUTF8 { bytes in
            guard bytes.count >= 5 else { return false }
            let (i, m, g, space) = (UInt8(ascii: "i"), UInt8(ascii: "m"), UInt8(ascii: "g"), UInt8(ascii: " "))
            for index in 0..<(bytes.count - 4) where bytes[index] == UInt8(ascii: "<") {
                if bytes[index + 1] == i, bytes[index + 2] == m, bytes[index + 3] == g, bytes[index + 4] == space { return true }
            }
            return false
        }
    }
}
