import Foundation

/// One file of the built site before any template runs. Incremental builds hash the context and render
/// only the pages whose context or template changed; a full build renders them all.
public struct PlannedFile {
    public enum Content {
        /// A page: the template's name and the values it sees.
        case page(template: String, context: [String: Any])
        /// Bytes made without a template (feeds, indexes, …).
        case bytes(Data)
    }

    public var path: String
    public var content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }

    public func render(with templates: TemplateSet) -> OutputFile {
        switch content {
        case .page(let template, let context):
            OutputFile(path: path, text: templates.render(template, context))
        case .bytes(let data):
            OutputFile(path: path, contents: data)
        }
    }
}
