/// One problem found in the editors' input, pointing at the file (and line) to fix.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// Path as the editor knows it (relative to the project when possible).
    public var file: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// What is wrong, as a catalogue key and values: put into words where it is shown (`rendered(in:)`).
    public var text: Message

    public init(_ severity: Severity, file: String, line: Int? = nil, _ text: Message) {
        self.severity = severity
        self.file = file
        self.line = line
        self.text = text
    }

    /// Text with no catalogue entry of its own (from a library or another module); prefer a `Message`.
    public init(_ severity: Severity, file: String, line: Int? = nil, _ message: String) {
        self.init(severity, file: file, line: line, Message.verbatim(message))
    }

    public static func error(_ file: String, line: Int? = nil, _ text: Message) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, text)
    }

    public static func warning(_ file: String, line: Int? = nil, _ text: Message) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, text)
    }

    /// The message in English (logs, and the tests written before the catalogues).
    public var message: String { text.rendered(in: .en) }

    /// `file:line: error: message` in English; what editors see is `rendered(in:)`.
    public var description: String { rendered(in: .en) }

    /// `file:line: lỗi: …` / `file:line: error: …`, the form editors, IDEs and CI logs understand: the prefix
    /// and the quoted values stay as written, only bantin's own words change language.
    public func rendered(in language: Language) -> String {
        let location = line.map { "\(Self.escaped(file)):\($0)" } ?? Self.escaped(file)
        let word = Message("severity.\(severity.rawValue)").rendered(in: language)
        return "\(location): \(word): \(Self.escaped(text.rendered(in: language)))"
    }

    /// `text` with control characters, line breaks and direction overrides written as escapes ("\n",
    /// "\u{1B}"): a file named with a line break or a terminal escape cannot forge or hide a line of output.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || BidiControls.contains(scalar)
    }
}

/// Thrown when a build cannot finish; carries every problem found, not only the first.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String { rendered(in: .en) }

    public func rendered(in language: Language) -> String {
        diagnostics.map { $0.rendered(in: language) }.joined(separator: "\n")
    }
}

/// Collects diagnostics across a stage so one run reports every problem.
struct DiagnosticLog: Sendable {
    private(set) var all: [Diagnostic] = []

    init() {}

    mutating func add(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    mutating func add(contentsOf diagnostics: [Diagnostic]) { all.append(contentsOf: diagnostics) }

    var hasErrors: Bool { all.contains { $0.severity == .error } }
    var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// Throws a `BuildFailure` with everything collected so far when any of it is an error.
    func throwIfErrors() throws(BuildFailure) {
        if hasErrors { throw BuildFailure(all) }
    }
}
