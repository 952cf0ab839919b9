import Foundation
import Yams

/// The language of what bantin says to the people running it. Vietnamese unless asked otherwise:
/// the editors are Vietnamese; English is there for operators and CI logs.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case vi
    case en

    /// One rule, in this order: `--lang`, then `messages:` in site.yml, then `LC_ALL`/`LANG` starting with
    /// "en" (C, POSIX and anything else count as Vietnamese: a server's default locale is no choice by anyone).
    public static func resolve(option: String?, siteYML: URL?, environment: [String: String]) -> Language {
        if let option, let language = Language(code: option) { return language }
        if let siteYML, let language = configured(in: siteYML) { return language }
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
        return locale.lowercased().hasPrefix("en") ? .en : .vi
    }

    /// "vi", "en", "en_US.UTF-8", "tiếng Việt"…: the first two letters decide; nil for anything else.
    public init?(code: String) {
        let lowered = code.trimmingCharacters(in: .whitespaces).lowercased()
        if lowered.hasPrefix("en") { self = .en } else if lowered.hasPrefix("vi") || lowered.hasPrefix("tiếng việt") {
            self = .vi
        } else { return nil }
    }

    /// `messages:` at the top of site.yml, read on its own before the build: even a site.yml with errors
    /// elsewhere has its errors told in the language it asks for. Nil when absent or unreadable.
    static func configured(in siteYML: URL) -> Language? {
        guard let data = try? Data(contentsOf: siteYML),
              let node = try? Yams.compose(yaml: String(decoding: data, as: UTF8.self)),
              let value = node.mapping?["messages"]?.string else { return nil }
        return Language(code: value)
    }
}

/// Something bantin tells an editor, kept as a key into the catalogues (`Messages/vi.yml`, `Messages/en.yml`)
/// and named values, and put into words only where it is shown, in the language chosen there.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible {
    public indirect enum Argument: Sendable, Hashable, Codable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral {
        /// Text as written (a file name, a category, a value from front matter): never translated.
        case text(String)
        /// A whole number: `892.762` in Vietnamese, `892762` in English (logs stay easy to search).
        case count(Int)
        /// Seconds with two decimals: `0,09` / `0.09`.
        case seconds(Double)
        /// Values joined by ", ".
        case list([String])
        /// Another message, in the same language (a reason inside a sentence).
        case message(Message)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(stringInterpolation: DefaultStringInterpolation) { self = .text(String(stringInterpolation: stringInterpolation)) }
        public init(integerLiteral value: Int) { self = .count(value) }
    }

    public var key: String
    public var arguments: [String: Argument]

    public init(_ key: String, _ arguments: [String: Argument] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// Text that comes from elsewhere with no words of bantin's own (a system or library's explanation).
    public static func verbatim(_ text: String) -> Message { Message("verbatim", ["text": .text(text)]) }

    public func rendered(in language: Language) -> String {
        let catalogue = MessageCatalogue.shared
        guard let template = catalogue.template(key, in: language) ?? catalogue.template(key, in: .en) else {
            // Only a programming mistake gets here (the catalogue test checks every key used in tests):
            // still say everything that is known rather than nothing.
            return key + " " + arguments.keys.sorted().map { "\($0)=\(format($0, in: language))" }.joined(separator: " ")
        }
        return MessageCatalogue.fill(template) { name, forms in
            guard let forms else { return format(name, in: language) }
            // `{count|one|other}`: the word for one or for many (English only; Vietnamese nouns do not change).
            if case .count(let number)? = arguments[name] { return number == 1 ? forms.one : forms.other }
            return forms.other
        }
    }

    /// English: for logs, `description` and the tests that predate the catalogues.
    public var description: String { rendered(in: .en) }

    private func format(_ name: String, in language: Language) -> String {
        switch arguments[name] {
        case .text(let text)?: return text
        case .count(let number)?: return Self.number(number, in: language)
        case .seconds(let seconds)?: return Self.seconds(seconds, in: language)
        case .list(let items)?: return items.joined(separator: ", ")
        case .message(let message)?: return message.rendered(in: language)
        case nil: return "{\(name)}"
        }
    }

    /// Thousands with a dot in Vietnamese (`892.762`, as the site prints figures); plain in English.
    public static func number(_ number: Int, in language: Language) -> String {
        let digits = String(number.magnitude)
        guard language == .vi, digits.count > 3 else { return (number < 0 ? "-" : "") + digits }
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (number < 0 ? "-" : "") + grouped
    }

    /// Two decimals, with a decimal comma in Vietnamese (`0,09`).
    public static func seconds(_ seconds: Double, in language: Language) -> String {
        let text = String(format: "%.2f", seconds)
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}

/// The words of every message, one YAML file per language: `key: "text with {placeholders}"`.
struct MessageCatalogue: Sendable {
    static let shared = MessageCatalogue()

    /// Each language's file is read the first time one of its messages is asked for: a build speaks one, and
    /// reading both was a serial 0.1 s before anything else started.
    private static let vietnamese = (try? entries(.vi)) ?? [:]
    private static let english = (try? entries(.en)) ?? [:]

    func template(_ key: String, in language: Language) -> String? {
        switch language {
        case .vi: Self.vietnamese[key]
        case .en: Self.english[key]
        }
    }

    /// The catalogue file of `language`, as shipped in the bundle beside the program.
    static func entries(_ language: Language) throws -> [String: String] {
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "yml") else { return [:] }
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        return (try Yams.load(yaml: text) as? [String: String]) ?? [:]
    }

    /// The names inside `{…}` of a template, without their `|one|other` forms.
    static func placeholders(_ template: String) -> Set<String> {
        var names = Set<String>()
        _ = fill(template) { name, _ in names.insert(name); return "" }
        return names
    }

    /// `template` with each `{name}` or `{name|one|other}` replaced by `value(name, forms)`.
    static func fill(_ template: String, _ value: (String, (one: String, other: String)?) -> String) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let inside = rest[rest.index(after: open)..<close].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let forms = inside.count == 3 ? (one: inside[1], other: inside[2]) : nil
            result += value(inside[0], forms)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
