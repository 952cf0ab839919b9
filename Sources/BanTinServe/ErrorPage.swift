import BanTinKit

/// What the browser shows instead of the site while the last build failed: every problem as
/// `file:line: message`, so the editor sees what to fix without looking at the terminal.
public enum ErrorPage {
    /// The page in `language`: its words from the message catalogues, each problem as the terminal says it.
    public static func html(_ problems: [Diagnostic], language: Language = .vi) -> String {
        let items = problems.map { problem in
            "<li class=\"\(problem.severity.rawValue)\"><code>\(escape(problem.rendered(in: language)))</code></li>"
        }.joined(separator: "\n")
        func words(_ key: String) -> String { escape(Message(key).rendered(in: language)) }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(words("serve.page.title"))</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#222}h1{color:#b00020;font-size:1.4rem}\
            li{margin:.4rem 0}code{white-space:pre-wrap}li.warning code{color:#8a6d00}</style></head>
            <body><h1>\(words("serve.page.heading"))</h1>
            <p>\(words("serve.page.hint"))</p>
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
