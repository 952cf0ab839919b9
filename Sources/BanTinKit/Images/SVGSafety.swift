import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG is published as it is, and opened at its own address it runs as a page of the site: a script in it
/// would run on the site's origin, round `markdown: unsafe: false`. So an SVG is read with the XML parser
/// (libxml2, through Foundation) and refused when it has scripts, event attributes, `javascript:` links,
/// references to anything outside itself (which could load a script or track readers), or entity declarations
/// (the "billion laughs", and external entities). `check` and `build` use the same rules.
public enum SVGSafety {
    /// What an SVG has that it may not, each once with the first line it is on.
    struct Finding: Equatable {
        var key: String
        var detail: String
        var line: Int
    }

    /// Elements that run code or hold another document.
    static let forbiddenElements: Set<String> = ["script", "handler", "foreignobject", "iframe", "embed", "object"]
    /// Attributes whose value is an address.
    static let addressAttributes: Set<String> = ["href", "src", "action", "formaction"]

    /// The problems of an SVG's bytes; empty when it is safe to publish.
    static func findings(_ data: Data) -> [Finding] {
        // Entity declarations are looked for in the bytes, before parsing: Foundation's parser does not report
        // them, and expanding nested ones is the attack. (A DOCTYPE naming SVG 1.1's DTD, as editors write, is fine.)
        if let range = data.range(of: Data("<!ENTITY".utf8)) {
            let line = data[..<range.lowerBound].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let name = String(decoding: data[range.upperBound...].prefix(40), as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.map(String.init) ?? ""
            return [Finding(key: "svg.entities", detail: name, line: line)]
        }
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        reader.parser = parser
        if !parser.parse(), reader.findings.isEmpty {
            reader.add("svg.notWellFormed", detail: parser.parserError.map { "\(($0 as NSError).code)" } ?? "", line: parser.lineNumber)
        }
        return reader.findings
    }

    /// Errors for the SVG files among `copies` (published as they are), each naming its file and line. A file is
    /// taken for SVG by its bytes (markup first), whatever its name says: `a.txt` holding an SVG runs as well.
    static func problems(_ copies: [OutputPlanner.Copy]) -> [Diagnostic] {
        copies.flatMap { copy -> [Diagnostic] in
            let named = (copy.path as NSString).pathExtension.lowercased()
            guard named == "svg" || named == "svgz" || looksLikeMarkup(copy.source) else { return [] }
            guard let data = FileManager.default.contents(atPath: copy.source.path) else { return [] }
            return findings(data).map { finding in
                .error(copy.sourceName, line: finding.line, Message("svg.refused", [
                    "reason": .message(Message(finding.key, ["detail": .text(finding.detail)]))]))
            }
        }
    }

    /// The problems of the SVGs under `folder` (`content/images/`), named from `displayRoot`.
    public static func problems(inImages folder: URL, displayRoot: URL) -> [Diagnostic] {
        problems(OutputPlanner.Copy.all(in: folder, to: "images", displayRoot: displayRoot))
    }

    /// The file starts (after a byte-order mark and blanks) with `<`: XML, SVG or HTML, which a browser may run.
    static func looksLikeMarkup(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 512)) ?? Data())
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "<")
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var findings: [Finding] = []
        weak var parser: XMLParser?
        private var inStyle = 0

        func add(_ key: String, detail: String, line: Int? = nil) {
            guard !findings.contains(where: { $0.key == key }) else { return }
            findings.append(Finding(key: key, detail: String(detail.prefix(80)), line: max(1, line ?? parser?.lineNumber ?? 1)))
        }

        private static func local(_ name: String) -> String {
            String(name.split(separator: ":").last ?? Substring(name)).lowercased()
        }

        /// The value as a browser compares it: without blanks and control characters, in lower case.
        private static func squeezed(_ value: String) -> String {
            String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }.map(Character.init)).lowercased()
        }

        private func checkText(_ text: String) {
            let plain = Self.squeezed(text)
            if plain.contains("javascript:") || plain.contains("vbscript:") || plain.contains("expression(") {
                add("svg.javascript", detail: text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if plain.contains("@import") { add("svg.outside", detail: "@import") }
            var rest = plain[...]
            while let range = rest.range(of: "url(") {
                let target = rest[range.upperBound...].drop { $0 == "\"" || $0 == "'" }
                if !target.hasPrefix("#") { add("svg.outside", detail: "url(" + String(target.prefix(60))) }
                rest = rest[range.upperBound...]
            }
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let element = Self.local(elementName)
            if SVGSafety.forbiddenElements.contains(element) { add(element == "script" ? "svg.script" : "svg.embedded", detail: "<\(elementName)>") }
            if element == "style" { inStyle += 1 }
            for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
                let attribute = Self.local(name)
                if attribute.hasPrefix("on") { add("svg.event", detail: name) }
                if (element == "set" || element == "animate") && attribute == "attributename" && Self.local(value) == "href" {
                    add("svg.outside", detail: "<\(elementName) attributeName=\"\(value)\">")
                }
                checkText(value)
                if SVGSafety.addressAttributes.contains(attribute) {
                    let target = Self.squeezed(value)
                    // Inside the drawing itself (#id), or a picture carried in it: nothing is fetched.
                    let inside = target.hasPrefix("#") || (target.hasPrefix("data:image/") && !target.hasPrefix("data:image/svg"))
                    if !inside { add("svg.outside", detail: "\(name)=\"\(value)\"") }
                }
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if Self.local(elementName) == "style" { inStyle -= 1 }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inStyle > 0 { checkText(string) }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if inStyle > 0 { checkText(String(decoding: block, as: UTF8.self)) }
        }

        func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) {
            // <?xml-stylesheet href="…"?> loads a style sheet from elsewhere.
            if target.lowercased() == "xml-stylesheet" { add("svg.outside", detail: "<?\(target) \(data ?? "")?>") }
        }

        private func entity(_ name: String) {
            add("svg.entities", detail: name)
            // Not expanded: a declaration is reason enough, and expanding nested ones is the attack.
            parser?.abortParsing()
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) { entity(name) }
        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            entity(name)
        }
        func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
                    notationName: String?) { entity(name) }
    }
}
