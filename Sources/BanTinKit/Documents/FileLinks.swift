import Foundation

/// A body's links to `/files/…`, pointed at the names the files are published under.
enum FileLinks {
    static func rewrite(_ html: String, shelf: DocumentShelf, routes: Routes) -> String {
        var output = ""
        var rest = Substring(html)
        while let start = rest.range(of: "href=\"") {
            output += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let written = String(rest[..<end])
            // cmark writes the address percent-encoded and with "&" as "&amp;".
            let decoded = written.replacingOccurrences(of: "&amp;", with: "&").removingPercentEncoding ?? written
            if let file = shelf.file(decoded) {
                output += routes.publishedFile(file.path)
            } else {
                output += written
            }
            rest = rest[end...]
        }
        return output + rest
    }
}
