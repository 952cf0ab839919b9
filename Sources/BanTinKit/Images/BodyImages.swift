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

    /// Each image of a body, and each link to a picture file (`[tải ảnh](/images/x.jpg)`), with its line: the
    /// first line of the Markdown, from the previous one's on, naming its address (the body's first line when the
    /// address is written otherwise, e.g. as a reference link).
    static func uses(_ html: String, markdown: String, bodyLine: Int, file: String) -> [ImageCatalog.Use] {
        let images = hasImageTag(html) ? matches(html).map { (position: $0.range.lowerBound, source: unescape($0.src)) } : []
        let links = pictureLinks(html).map { (position: $0.range.lowerBound, source: unescape($0.href)) }
        guard !images.isEmpty || !links.isEmpty else { return [] }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var cursor = 0
        return (images + links).sorted { $0.position < $1.position }.map { item in
            var line = bodyLine
            if let found = (cursor..<lines.count).first(where: { lines[$0].contains(item.source) })
                ?? (0..<lines.count).first(where: { lines[$0].contains(item.source) }) {
                line = bodyLine + found
                cursor = found
            }
            return ImageCatalog.Use(reference: item.source, file: file, line: line)
        }
    }

    func rewrite(_ html: String) -> String {
        rewriteLinks(rewriteImages(html))
    }

    private func rewriteImages(_ html: String) -> String {
        guard Self.hasImageTag(html) else { return html }
        var result = ""
        var last = html.startIndex
        for match in Self.matches(html) {
            let source = Self.unescape(match.src)
            let image = ImageCatalog.sitePath(source, basePath: basePathOf(catalog)).flatMap { catalog.images[$0] }
            var range = match.range
            // A picture with a title alone in its paragraph is a figure, its title the caption under it (a tooltip
            // would be seen by no one on a phone, nor on paper). Elsewhere in a line it stays a tooltip.
            let alone = html[..<range.lowerBound].hasSuffix("<p>") && html[range.upperBound...].hasPrefix("</p>")
            let caption = alone ? match.title : nil
            if caption != nil { range = html.index(range.lowerBound, offsetBy: -3)..<html.index(range.upperBound, offsetBy: 4) }
            guard image != nil || caption != nil, range.lowerBound >= last else { continue }
            result += html[last..<range.lowerBound]
            if let image {
                var values = catalog.values(image, alt: Self.unescape(match.alt), originalURL: source)
                if let caption { values.caption = Self.unescape(caption) } else { values.title = match.title.map(Self.unescape) }
                result += templates.names.contains(Self.templateName)
                    ? templates.render(Self.templateName, values).trimmingCharacters(in: .whitespacesAndNewlines)
                    : Self.plain(values)
            } else if let caption {
                // A drawing (SVG), an animation (GIF) or another site's picture is published as written, and its
                // caption shown the same way. The attributes are cmark's, already escaped.
                result += "<figure class=\"body-figure\"><img src=\"\(match.src)\" alt=\"\(match.alt)\" loading=\"lazy\" decoding=\"async\">"
                    + "<figcaption>\(caption)</figcaption></figure>"
            }
            last = range.upperBound
        }
        return result + html[last...]
    }

    /// A link to a photo (`[tải ảnh](/images/x.jpg)`) leads to its largest published file: the full-size copy
    /// with `publish_original`, else the fallback JPEG (`og_width` wide). The original itself is not published:
    /// it would carry the metadata (GPS) that every output drops.
    private func rewriteLinks(_ html: String) -> String {
        let links = Self.pictureLinks(html)
        guard !links.isEmpty else { return html }
        var result = ""
        var last = html.startIndex
        for link in links {
            guard let path = ImageCatalog.sitePath(Self.unescape(link.href), basePath: basePathOf(catalog)),
                  let image = catalog.images[path], image.kind == .encoded else { continue }
            result += html[last..<link.range.lowerBound]
            result += ImageAlt.htmlEscape(catalog.urlPrefix + (image.original ?? image.fallback).fileName)
            last = link.range.upperBound
        }
        return result + html[last...]
    }

    private func basePathOf(_ catalog: ImageCatalog) -> String {
        String(catalog.urlPrefix.dropLast("images/".count))
    }

    /// Without a `body-image` template: a `<picture>` with a `<source>` per modern format around the `<img>`.
    static func plain(_ picture: Picture) -> String {
        func attribute(_ name: String, _ value: String?) -> String {
            value.map { " \(name)=\"\(ImageAlt.htmlEscape($0))\"" } ?? ""
        }
        let sizes = " sizes=\"(max-width: 760px) 100vw, 720px\""
        let sources = picture.sources.map { source in
            "<source" + attribute("type", source.type) + attribute("srcset", source.srcset) + sizes + ">"
        }
        let img = "<img" + attribute("src", picture.src) + attribute("srcset", picture.srcset)
            + (picture.srcset == nil ? "" : sizes)
            + attribute("width", String(picture.width)) + attribute("height", String(picture.height))
            + attribute("alt", picture.alt) + attribute("title", picture.title) + " loading=\"lazy\" decoding=\"async\">"
        let shown = sources.isEmpty ? img : "<picture>" + sources.joined() + img + "</picture>"
        guard let caption = picture.caption else { return shown }
        return "<figure class=\"body-figure\">" + shown + "<figcaption>" + ImageAlt.htmlEscape(caption) + "</figcaption></figure>"
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
    /// The `href` values (escaped, as cmark wrote them) of links to picture files (by extension), with their ranges.
    /// On the bytes: most bodies have links and few link to a picture, and this runs over every body twice.
    static func pictureLinks(_ html: String) -> [(range: Range<String.Index>, href: String)] {
        let opener = Array(#"<a href=""#.utf8)
        let quote = UInt8(ascii: "\""), dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        let query = UInt8(ascii: "?"), hash = UInt8(ascii: "#")
        var found: [(Int, Int)] = []
        var html = html
        html.withUTF8 { bytes in
            guard bytes.count > opener.count else { return }
            var index = 0
            while index + opener.count < bytes.count {
                guard bytes[index] == opener[0], (0..<opener.count).allSatisfy({ bytes[index + $0] == opener[$0] }) else {
                    index += 1
                    continue
                }
                let start = index + opener.count
                var end = start
                var pathEnd: Int?
                var lastDot: Int?
                while end < bytes.count, bytes[end] != quote {
                    if pathEnd == nil {
                        if bytes[end] == query || bytes[end] == hash { pathEnd = end }
                        else if bytes[end] == dot { lastDot = end }
                        else if bytes[end] == slash { lastDot = nil }
                    }
                    end += 1
                }
                if let lastDot, end < bytes.count {
                    let ext = String(decoding: bytes[(lastDot + 1)..<(pathEnd ?? end)], as: UTF8.self).lowercased()
                    if ImageCatalog.pictureExtensions.contains(ext) { found.append((start, end)) }
                }
                index = end
            }
        }
        let utf8 = html.utf8
        return found.map { start, end in
            let lower = utf8.index(utf8.startIndex, offsetBy: start), upper = utf8.index(utf8.startIndex, offsetBy: end)
            return (lower..<upper, String(html[lower..<upper]))
        }
    }

    /// Whether `uses` would find anything in this body (and so read its Markdown).
    static func namesPictures(_ html: String) -> Bool {
        hasImageTag(html) || !pictureLinks(html).isEmpty
    }

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
