import Foundation
import Testing
@testable import BanTinKit

/// templates/README.md tells designers which variables a template may use; the page value types
/// (`TemplateValues.swift`) are what templates get. A field renamed, added or removed on one side only fails here,
/// instead of silently emptying a template.
@Suite struct TemplateDocsTests {
    /// Each part of the README's "Context variables" and the values its names are read from.
    static var scopes: [(heading: String, roots: [SchemaProbe.Node])] { [
        ("On every page", [.of(SiteValues.self), .of(PageOwnValues.self)]),
        ("Pictures", [.of(Picture.self), .of(ArticleItem.self), .of(PageOwnValues.self)]),
        ("Article item", [.of(ArticleItem.self)]),
        ("`article`", [.of(ArticleValues.self)]),
        ("`listing`", [.of(ListingValues.self)]),
        ("`home`", [.of(PageOwnValues.self)]),
        ("`static_page`", [.of(PageOwnValues.self)]),
        ("`search`", [.of(PageOwnValues.self)]),
        ("`redirect`", [.of(PageOwnValues.self)]),
        ("`documents`", [.of(PageOwnValues.self), .of(DocumentItem.self), .of(SiteValues.self)]),
        ("Statistics page", [.of(PageOwnValues.self), .of(CounterFigures.self)]),
    ] }

    /// Settings the README names beside the variables (site.yml, locale.yml), in code spans of their own.
    static let settings: Set<String> = ["og_width", "tag_title"]

    static func sections() throws -> [(heading: String, text: String)] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "\n## Context variables\n"))
        let end = text.range(of: "\n## ", range: start.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        // Each part's heading, and its text below the heading.
        return text[start.upperBound..<end].components(separatedBy: "\n### ").dropFirst().map { part in
            (String(part.prefix { $0 != "\n" }), String(part.drop { $0 != "\n" }))
        }
    }

    /// The names in a code span that lists variables: `a.b`, `name: [{x, y}]`, `{url, alt ("…")}`; nil for a span
    /// that is something else (`<img>`, `/luu-tru/`, `data-index`).
    static func names(inSpan span: String) -> [String]? {
        var text = span.replacingOccurrences(of: #""[^"]*""#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\([^)]*\)"#, with: "", options: .regularExpression)
        guard text.range(of: #"^[a-z0-9_.,:{}\[\]\s]+$"#, options: .regularExpression) != nil,
              text.range(of: #":[a-z]"#, options: .regularExpression) == nil,   // `twitter:card`
              text.range(of: #"\.(mustache|js|css|md|yml)$"#, options: .regularExpression) == nil   // a file
        else { return nil }
        let names = text.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }.map(String.init)
        return names.isEmpty ? nil : names
    }

    static func spans(in text: String) -> [String] {
        text.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    }

    @Test func everyDocumentedVariableIsAFieldOfThePageValues() throws {
        let sections = try Self.sections()
        #expect(Set(sections.map(\.heading)).count == sections.count)
        for (heading, text) in sections {
            let roots = try #require(Self.scopes.first { heading.hasPrefix($0.heading) }?.roots,
                                     "no page values for the README's \"\(heading)\"")
            let nodes = roots.flatMap(\.subtree)
            for span in Self.spans(in: text) {
                for name in Self.names(inSpan: span) ?? [] where !Self.settings.contains(name) {
                    #expect(nodes.contains { $0.resolves(name) }, "README \"\(heading)\": `\(name)` is no field of the page values")
                }
            }
        }
    }

    @Test func everyFieldOfThePageValuesIsDocumented() throws {
        // The headings too: "`listing` (template `list`)" names the object its part lists the fields of.
        let spans = try Self.sections().flatMap { Self.spans(in: $0.heading) + Self.spans(in: $0.text) }
        let names: [String] = spans.flatMap { Self.names(inSpan: $0) ?? [] }
        let documented = Set(names.flatMap { $0.split(separator: ".").map(String.init) })
        let roots: [SchemaProbe.Node] = [.of(PageOwnValues.self), .of(SiteValues.self), .of(CounterFigures.self)]
        let fields = Set(roots.flatMap(\.subtree).flatMap(\.fields.keys))
        #expect(fields.subtracting(documented).sorted() == [], "fields templates get that templates/README.md does not list")
    }

    @Test func theCheckReadsNamesAsTheReadmeWritesThem() {
        #expect(Self.names(inSpan: "archive_years: [{year, url (the year's page), months: [{month (\"03\")}]}]")
                == ["archive_years", "year", "url", "months", "month"])
        #expect(Self.names(inSpan: "site.title") == ["site.title"])
        #expect(Self.names(inSpan: "<img>") == nil && Self.names(inSpan: "/luu-tru/") == nil
                && Self.names(inSpan: "twitter:card") == nil && Self.names(inSpan: "item.mustache") == nil)
        let item = SchemaProbe.Node.of(ArticleItem.self)
        #expect(item.resolves("picture.og.url") && item.resolves("summary") && !item.resolves("picture.missing"))
    }
}

/// Lists a Codable type's fields, nil or not, by decoding it from nothing: every optional is asked for, every
/// list gives one entry. Names as templates see them (`TemplateEncoder.name`).
enum SchemaProbe {
    final class Node {
        var fields: [String: Node] = [:]

        static func of<Value: Decodable>(_ type: Value.Type) -> Node {
            let node = Node()
            _ = try? Value(from: Probe(node: node))
            return node
        }

        func field(_ name: String) -> Node {
            if let known = fields[name] { return known }
            let made = Node()
            fields[name] = made
            return made
        }

        var subtree: [Node] { [self] + fields.values.flatMap(\.subtree) }

        func resolves(_ path: String) -> Bool {
            var node: Node? = self
            for name in path.split(separator: ".") { node = node?.fields[String(name)] }
            return node != nil
        }
    }

    struct Probe: Decoder {
        let node: Node
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Keyed<Key>(node: node))
        }
        func unkeyedContainer() throws -> UnkeyedDecodingContainer { List(node: node) }
        func singleValueContainer() throws -> SingleValueDecodingContainer { Single(node: node) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let node: Node
        var codingPath: [CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try T(from: Probe(node: node.field(TemplateEncoder.name(key.stringValue))))
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey> {
            KeyedDecodingContainer(Keyed<NestedKey>(node: node.field(TemplateEncoder.name(key.stringValue))))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            List(node: node.field(TemplateEncoder.name(key.stringValue)))
        }
        func superDecoder() throws -> Decoder { Probe(node: node) }
        func superDecoder(forKey key: Key) throws -> Decoder { Probe(node: node.field(TemplateEncoder.name(key.stringValue))) }
    }

    /// A list's entry's fields are the list's own here: `listing.items` then `title`.
    struct List: UnkeyedDecodingContainer {
        let node: Node
        var codingPath: [CodingKey] { [] }
        var count: Int? { 1 }
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex >= 1 }
        mutating func decodeNil() throws -> Bool { false }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            currentIndex += 1
            return try T(from: Probe(node: node))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            currentIndex += 1
            return KeyedDecodingContainer(Keyed<NestedKey>(node: node))
        }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
            currentIndex += 1
            return List(node: node)
        }
        mutating func superDecoder() throws -> Decoder { Probe(node: node) }
    }

    struct Single: SingleValueDecodingContainer {
        let node: Node
        var codingPath: [CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { false }
        func decode(_ type: String.Type) throws -> String { "" }
        func decode(_ type: Double.Type) throws -> Double { 0 }
        func decode(_ type: Float.Type) throws -> Float { 0 }
        func decode(_ type: Int.Type) throws -> Int { 0 }
        func decode(_ type: Int8.Type) throws -> Int8 { 0 }
        func decode(_ type: Int16.Type) throws -> Int16 { 0 }
        func decode(_ type: Int32.Type) throws -> Int32 { 0 }
        func decode(_ type: Int64.Type) throws -> Int64 { 0 }
        func decode(_ type: UInt.Type) throws -> UInt { 0 }
        func decode(_ type: UInt8.Type) throws -> UInt8 { 0 }
        func decode(_ type: UInt16.Type) throws -> UInt16 { 0 }
        func decode(_ type: UInt32.Type) throws -> UInt32 { 0 }
        func decode(_ type: UInt64.Type) throws -> UInt64 { 0 }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: Probe(node: node)) }
    }
}
