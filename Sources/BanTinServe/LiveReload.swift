import Foundation

/// The browser side of live reload, served only by `bantin serve` and added to HTML pages as they are
/// served (never to the files a build writes).
enum LiveReload {
    static let eventsPath = "/__bantin/events"
    static let scriptPath = "/__bantin/reload.js"
    static let scriptTag = "<script src=\"\(scriptPath)\"></script>"

    /// Reloads the tab when the server says so; EventSource reconnects by itself if the server restarts.
    static let script = """
        (function () {
          var source = new EventSource("\(eventsPath)");
          source.onmessage = function (event) { if (event.data === "reload") { location.reload(); } };
        })();

        """

    /// The page with the script tag before `</body>` (or at the end when the page has none).
    static func inject(into html: String) -> String {
        if let end = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            return html.replacingCharacters(in: end, with: scriptTag + "\n</body>")
        }
        return html + scriptTag
    }
}
