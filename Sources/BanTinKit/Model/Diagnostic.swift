/// One problem found in the editors' input, pointing at the file (and line) to fix.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    /// Path as the editor knows it (relative to the project when possible).
    public var file: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    public var message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    public static func error(_ file: String, line: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, message)
    }

    public static func warning(_ file: String, line: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, message)
    }

    /// `file:line: error: message`, the form editors, IDEs and CI logs understand.
    public var description: String {
        let location = line.map { "\(Self.escaped(file)):\($0)" } ?? Self.escaped(file)
        return "\(location): \(severity.rawValue): \(Self.escaped(message))"
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

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
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
