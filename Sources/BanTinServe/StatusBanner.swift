import BanTinKit
import Foundation

/// On every page of the preview, while the published builds fail (`BuildStatus`, written by the timer's builds):
/// a banner at the top saying so, since when, and the first problems. Editors look at the preview far more
/// often than at TRANG-THAI.txt; nothing is shown while the builds succeed.
public enum StatusBanner {
    /// The page with the banner after its `<body…>` tag; the page unchanged when `status` is nil or succeeded.
    public static func inject(into html: String, status: BuildStatus?, language: Language, timeZone: TimeZone) -> String {
        guard let status, !status.succeeded else { return html }
        let lines = status.text(in: language, timeZone: timeZone).split(separator: "\n").map(String.init)
        // The heading, what the portal shows, then the first problems (TRANG-THAI.txt has them all).
        let shown = Array(lines.prefix(2)) + Array(lines.dropFirst(2).filter { !$0.isEmpty }.prefix(6))
        let items = shown.enumerated().map { index, line in
            index == 0 ? "<strong>\(ErrorPage.escape(line))</strong>" : "<code>\(ErrorPage.escape(line))</code>"
        }.joined(separator: "<br>\n")
        let banner = "<div role=\"alert\" id=\"bantin-trang-thai\" style=\"margin:0;padding:.75rem 1rem;background:#fdecea;"
            + "color:#5f0000;border-bottom:3px solid #b00020;font:15px/1.5 system-ui,sans-serif;white-space:normal\">\n"
            + items + "\n</div>\n"
        guard let body = html.range(of: "<body", options: .caseInsensitive),
              let close = html[body.upperBound...].firstIndex(of: ">") else { return banner + html }
        let after = html.index(after: close)
        return String(html[..<after]) + "\n" + banner + String(html[after...])
    }
}
