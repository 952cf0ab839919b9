import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element, for checking feeds and the sitemap with Foundation's real XML parser.
final class XMLTree: NSObject, XMLParserDelegate {
    let name: String
    var attributes: [String: String]
    var text = ""
    var children: [XMLTree] = []
    private var stack: [XMLTree] = []

    init(name: String, attributes: [String: String] = [:]) {
        self.name = name
        self.attributes = attributes
    }

    /// The document's root element, or nil when the text is not well-formed XML.
    static func parse(_ text: String) -> XMLTree? {
        let document = XMLTree(name: "#document")
        document.stack = [document]
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = document
        guard parser.parse() else { return nil }
        return document.children.first
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let element = XMLTree(name: elementName, attributes: attributes)
        stack.last?.children.append(element)
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func all(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }
    func first(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    /// Text of the first child with this name, trimmed.
    func value(_ name: String) -> String? { first(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines) }
}
