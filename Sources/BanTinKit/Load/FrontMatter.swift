/// Splits a Markdown file into its YAML front matter and body, keeping line numbers for messages.
public struct FrontMatter: Sendable, Hashable {
    /// The YAML text between the fences ("" when the file has no front matter).
    var yaml: String
    /// Line in the file where `yaml` starts (1-based).
    var yamlLine: Int
    public var body: String
    /// Line in the file where `body` starts (1-based).
    public var bodyLine: Int

    public enum SplitError: Error, Equatable, CustomStringConvertible {
        case missingOpeningFence
        case missingClosingFence(openedAtLine: Int)

        public var description: String { message.description }

        public var message: Message {
            switch self {
            case .missingOpeningFence: Message("frontMatter.missing")
            case .missingClosingFence(let line): Message("frontMatter.notClosed", ["line": .count(line)])
            }
        }
    }

    /// A fence is a line of exactly "---" (trailing spaces and tabs allowed, as Windows editors leave them).
    /// Blank lines before the opening fence are tolerated. Works on the UTF-8 bytes: a 20 MB body is sliced,
    /// never split into lines.
    public static func split(_ text: String) throws(SplitError) -> FrontMatter {
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 1
        /// The current line (without its newline) and the start of the next one.
        func line(from start: String.Index) -> (end: String.Index, next: String.Index) {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            return (end, end == bytes.endIndex ? end : bytes.index(after: end))
        }
        while lineStart < bytes.endIndex {
            let (end, next) = line(from: lineStart)
            guard bytes[lineStart..<end].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { break }
            lineStart = next
            lineNumber += 1
        }
        guard lineStart < bytes.endIndex, isFence(bytes[lineStart..<line(from: lineStart).end]) else { throw .missingOpeningFence }
        let openLine = lineNumber
        let yamlStart = line(from: lineStart).next
        var cursor = yamlStart
        lineNumber += 1
        while cursor < bytes.endIndex {
            let (end, next) = line(from: cursor)
            if isFence(bytes[cursor..<end]) {
                // The YAML without the newline before the closing fence; the body without its last newline.
                let yamlEnd = cursor > yamlStart ? bytes.index(before: cursor) : cursor
                var bodyEnd = bytes.endIndex
                if bodyEnd > next, bytes[bytes.index(before: bodyEnd)] == UInt8(ascii: "\n") { bodyEnd = bytes.index(before: bodyEnd) }
                return FrontMatter(yaml: String(text[yamlStart..<yamlEnd]), yamlLine: openLine + 1,
                                   body: String(text[next..<bodyEnd]), bodyLine: lineNumber + 1)
            }
            cursor = next
            lineNumber += 1
        }
        throw .missingClosingFence(openedAtLine: openLine)
    }

    private static func isFence(_ line: Substring.UTF8View) -> Bool {
        guard line.starts(with: "---".utf8) else { return false }
        return line.dropFirst(3).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}

extension FrontMatter {
    /// `file`'s front matter split off and its YAML read into fields; nil, with every reason in `problems`, when
    /// the fences or the YAML cannot be read (articles, pages and documents alike).
    static func fields(of file: SourceFile, problems: inout [Diagnostic]) -> (parts: FrontMatter, fields: YAMLFields)? {
        let parts: FrontMatter
        do {
            parts = try FrontMatter.split(file.text)
        } catch {
            let line = if case .missingClosingFence(let opened) = error { opened } else { 1 }
            problems.append(.error(file.path, line: line, error.message))
            return nil
        }
        let (parsed, yamlErrors) = YAMLFields.parse(parts.yaml, file: file.path, firstLine: parts.yamlLine)
        guard let fields = parsed else {
            problems += yamlErrors
            return nil
        }
        return (parts, fields)
    }
}
