import Foundation

/// The argument parser's complaints ("Missing expected argument '--category <category>'") in the language
/// of bantin's other messages: a mistyped command is the first thing a new editor sees. Recognised by the
/// parser's own sentences, line by line; a sentence not known here is kept as the parser wrote it.
public enum ArgumentWords {
    /// Made on each use: a `Regex` is not `Sendable`, and this runs once, on a mistyped command line.
    static var rules: [(Regex<AnyRegexOutput>, String)] { [
        (#"^Error: Missing expected argument '(.+)'$"#, "cli.missingArgument"),
        (#"^Error: Unknown option '(.+)'\. Did you mean '(.+)'\?$"#, "cli.unknownOptionDidYouMean"),
        (#"^Error: Unknown option '(.+)'$"#, "cli.unknownOption"),
        (#"^Error: Missing value for '(.+)'$"#, "cli.missingValue"),
        (#"^Error: Unexpected argument '(.+)'$"#, "cli.unexpectedArgument"),
        (#"^Error: \d+ unexpected arguments: (.+)$"#, "cli.unexpectedArgument"),
        (#"^Error: The value '(.*)' is invalid for '(.+?)'(.*)$"#, "cli.invalidValue"),
        (#"^Error: (.+)$"#, "cli.argumentError"),
        (#"^Usage: (.+)$"#, "cli.usage"),
        (#"^Help:\s+(.+)$"#, "cli.argumentHelp"),
        (#"^\s+See '(.+)' for more information\.$"#, "cli.seeHelp"),
    ].map { (try! Regex($0.0), $0.1) } }

    public static func translated(_ text: String, in language: Language) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            for (pattern, key) in rules {
                guard let match = try? pattern.wholeMatch(in: line) else { continue }
                var arguments: [String: Message.Argument] = [:]
                for index in 1..<match.output.count {
                    arguments["\(index)"] = .text(match.output[index].substring.map(String.init) ?? "")
                }
                return Message(key, arguments).rendered(in: language)
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// The language before any command has parsed its options: `--lang`, else the `messages:` of the
    /// site.yml that `--content` (or ./content) names, else the environment.
    public static func language(_ arguments: [String]) -> Language {
        func value(_ name: String) -> String? {
            for (index, argument) in arguments.enumerated() {
                if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
                if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            }
            return nil
        }
        return Language.resolve(option: value("--lang"),
                                siteYML: URL(fileURLWithPath: value("--content") ?? "content").appendingPathComponent("site.yml"),
                                environment: ProcessInfo.processInfo.environment)
    }
}
