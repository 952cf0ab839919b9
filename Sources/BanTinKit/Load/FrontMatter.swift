/// Splits a Markdown file into its YAML front matter and body, keeping line numbers for messages.
public struct FrontMatter: Sendable, Hashable {
    /// The YAML text between the fences ("" when the file has no front matter).
    public var yaml: String
    /// Line in the file where `yaml` starts (1-based).
    public var yamlLine: Int
    public var body: String
    /// Line in the file where `body` starts (1-based).
    public var bodyLine: Int

    public enum SplitError: Error, Equatable, CustomStringConvertible {
        case missingOpeningFence
        case missingClosingFence(openedAtLine: Int)

        public var description: String {
            switch self {
            case .missingOpeningFence:
                "no front matter: the file must start with a line \"---\", then YAML such as \"title: ...\", then \"---\""
            case .missingClosingFence(let line):
                "front matter opened with \"---\" on line \(line) is never closed with a \"---\" line"
            }
        }
    }

    /// A fence is a line of exactly "---" (trailing spaces and tabs allowed, as Windows editors leave them).
    /// Blank lines before the opening fence are tolerated.
    public static func split(_ text: String) throws(SplitError) -> FrontMatter {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var index = 0
        while index < lines.count, lines[index].allSatisfy({ $0 == " " || $0 == "\t" }) { index += 1 }
        guard index < lines.count, isFence(lines[index]) else { throw .missingOpeningFence }
        let openLine = index + 1
        guard let close = lines[(index + 1)...].firstIndex(where: isFence) else {
            throw .missingClosingFence(openedAtLine: openLine)
        }
        let yaml = lines[(index + 1)..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, yamlLine: openLine + 1, body: body, bodyLine: close + 2)
    }

    private static func isFence(_ line: Substring) -> Bool {
        guard line.hasPrefix("---") else { return false }
        return line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
