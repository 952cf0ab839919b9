import BanTinKit
import Foundation
import Hummingbird

/// Answers requests from the built site's folder as a web server would (`/tin/x/` → `tin/x/index.html`,
/// `/404.html` for what does not exist), adding the live-reload script to HTML pages.
struct SiteFiles: Sendable {
    let output: URL
    let status: SiteStatus
    let language: Language
    /// The project folder, where the published builds leave their outcome (`BuildStatus`).
    var project: URL?
    var timeZone = TimeZone(identifier: SiteConfig.defaultTimeZone) ?? .current

    func respond(to path: String) -> Response {
        if let problems = status.failure {
            guard isPage(path) else { return file(at: path) ?? notFound() }
            return html(LiveReload.inject(into: ErrorPage.html(problems, language: language)), status: .internalServerError)
        }
        return file(at: path) ?? notFound()
    }

    /// A page request: the errors replace pages, while styles and images are still served.
    private func isPage(_ path: String) -> Bool {
        path.hasSuffix("/") || path.hasSuffix(".html") || !(path.split(separator: "/").last ?? "").contains(".")
    }

    private func file(at requestPath: String) -> Response? {
        guard let relative = relativePath(requestPath) else { return nil }
        var url = output.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            guard requestPath.hasSuffix("/") else {
                // "/tin/x" → "/tin/x/", as web servers do, so relative links keep working.
                return Response(status: .movedPermanently, headers: [.location: requestPath + "/"])
            }
            url.appendPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let type = Self.contentType(url.pathExtension)
        if type.hasPrefix("text/html") {
            let page = StatusBanner.inject(into: String(decoding: data, as: UTF8.self),
                                           status: project.flatMap(BuildStatus.load), language: language, timeZone: timeZone)
            return html(LiveReload.inject(into: page), status: .ok)
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The request path below the site's base path, decoded; nil when it would leave the output folder.
    private func relativePath(_ requestPath: String) -> String? {
        let base = status.sitePath
        var path = requestPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? requestPath
        if path.hasPrefix(base) { path = String(path.dropFirst(base.count)) } else { path = String(path.drop { $0 == "/" }) }
        guard let decoded = path.removingPercentEncoding else { return nil }
        let segments = decoded.split(separator: "/")
        guard !segments.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }), !decoded.contains("\\") else { return nil }
        return segments.joined(separator: "/")
    }

    private func notFound() -> Response {
        let page = output.appendingPathComponent("404.html")
        let text = FileManager.default.contents(atPath: page.path).map { String(decoding: $0, as: UTF8.self) } ?? "<h1>404</h1>"
        return html(LiveReload.inject(into: text), status: .notFound)
    }

    private func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func contentType(_ pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "pdf": "application/pdf"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}
