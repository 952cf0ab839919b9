import BanTinKit

/// What the browser shows instead of the site while the last build failed: every problem as
/// `file:line: message`, so the editor sees what to fix without looking at the terminal.
enum ErrorPage {
    static func html(_ problems: [Diagnostic]) -> String {
        let items = problems.map { problem in
            "<li class=\"\(problem.severity.rawValue)\"><code>\(escape(problem.description))</code></li>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>bantin: build failed</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#222}h1{color:#b00020;font-size:1.4rem}\
            li{margin:.4rem 0}code{white-space:pre-wrap}li.warning code{color:#8a6d00}</style></head>
            <body><h1>The site could not be built</h1>
            <p>Fix the files below and save: this page reloads by itself.</p>
            <ul>
            \(items)
            </ul>
            </body></html>
            """
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
