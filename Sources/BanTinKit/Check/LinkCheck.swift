import Foundation

/// Links and images in Markdown that point into the site: `/tin/<slug>/` must be an article,
/// `/images/<file>` a file in `content/images/`. Links elsewhere are not followed.
struct LinkCheck {
    let routes: Routes
    let host: String?
    let markdown: Markdown
    /// Slug → whether that article is published now (false: draft, scheduled or expired).
    var slugs: [String: Bool] = [:]
    let images: [String: Int64]

    init(config: SiteConfig, articles: [ArticleSource], published: [ArticleSource], images: [String: Int64]) {
        routes = Routes(baseURL: config.baseURL)
        host = config.baseURL.host?.lowercased()
        markdown = Markdown(allowsRawHTML: config.unsafeMarkdown)
        for article in articles { slugs[Slug.make(article.slug ?? article.title)] = false }
        for article in published { slugs[Slug.make(article.slug ?? article.title)] = true }
        self.images = images
    }

    func check(body: String, bodyLine: Int, file: String) -> [Diagnostic] {
        markdown.references(in: body).compactMap { reference -> Diagnostic? in
            let line = bodyLine + reference.line - 1
            guard let path = sitePath(reference.destination) else { return nil }
            if let name = path.imageName {
                if images[name] == nil { return missingImage(reference.destination, file: file, line: line) }
                return reference.isImage && !reference.hasText
                    ? .warning(file, line: line, Message("check.imageNoDescription", ["image": .text(reference.destination)]))
                    : nil
            }
            guard let slug = path.articleSlug else { return nil }
            switch slugs[slug] {
            case nil:
                return .error(file, line: line, Message("check.linkUnknown", ["link": "\(reference.destination)", "slug": "\(slug)"]))
            case false?:
                return .warning(file, line: line, Message("check.linkUnpublished", ["link": "\(reference.destination)"]))
            case true?:
                return nil
            }
        }
    }

    func checkImage(_ reference: String, file: String, line: Int?) -> [Diagnostic] {
        guard let name = sitePath(reference)?.imageName ?? sitePath("/" + reference)?.imageName else { return [] }
        return images[name] == nil ? [missingImage(reference, file: file, line: line)] : []
    }

    private func missingImage(_ reference: String, file: String, line: Int?) -> Diagnostic {
        .error(file, line: line, Message("check.imageMissing", [
            "image": "\(reference)", "hint": .message(PictureNameHint.hint(for: reference, among: images.keys) ?? .verbatim(""))]))
    }

    /// A destination on this site, as a path below the base path: nil for other sites, mail, anchors.
    struct SitePath {
        var segments: [String]

        var articleSlug: String? {
            segments.count >= 2 && segments[0] == "tin" ? segments[1] : nil
        }

        var imageName: String? {
            segments.count >= 2 && segments[0] == "images" ? segments.dropFirst().joined(separator: "/") : nil
        }
    }

    private func sitePath(_ destination: String) -> SitePath? {
        var text = destination
        if let components = URLComponents(string: destination), let scheme = components.scheme?.lowercased() {
            guard scheme == "http" || scheme == "https", components.host?.lowercased() == host else { return nil }
            text = components.percentEncodedPath
        } else if destination.hasPrefix("//") {
            return nil
        }
        text = String(text.prefix { $0 != "?" && $0 != "#" })
        guard text.hasPrefix(routes.basePath) else { return nil }
        let decoded = String(text.dropFirst(routes.basePath.count)).removingPercentEncoding ?? ""
        let segments = decoded.split(separator: "/").map(String.init)
        return segments.isEmpty ? nil : SitePath(segments: segments.map { $0.precomposedStringWithCanonicalMapping })
    }
}
