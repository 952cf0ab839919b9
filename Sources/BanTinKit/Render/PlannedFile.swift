import Foundation

/// One file of the built site before any template runs. Incremental builds fingerprint the values and render
/// only the pages whose values or template changed; a full build renders them all. The pages of a build are
/// `deferred`: their values are made when the page is fingerprinted or written.
struct PlannedFile {
    enum Content {
        /// A page: the template's name and the values it sees.
        case page(template: String, values: TemplateFields)
        /// A page of the table whose values are made only when asked for (`PageValues`), and not kept.
        case deferred(template: String, kind: PageTable.Kind, values: PageValues)
        /// Bytes made without a template (feeds, indexes, …).
        case bytes(Data)
    }

    var path: String
    var content: Content
    /// The site-wide values every page sees under its own (one dictionary shared by all pages, not copied
    /// into each: at 10,000 articles the copies were a third of the build's memory).
    var siteValues: TemplateFields
    /// For the counter's files (`CounterFiles`), whose figures change with every log line: the fingerprint the
    /// manifest lists (what the file is made of besides the figures), and the file is written whenever its
    /// bytes differ from the output's. So a rebuild that changes only figures leaves the manifest as it was.
    var figuresFingerprint: UInt64?

    init(path: String, content: Content, siteValues: TemplateFields = .empty, figuresFingerprint: UInt64? = nil) {
        self.path = path
        self.content = content
        self.siteValues = siteValues
        self.figuresFingerprint = figuresFingerprint
    }

    func render(with templates: TemplateSet) -> OutputFile {
        switch content {
        case .page(let template, let values):
            OutputFile(path: path, text: templates.render(template, own: values, site: siteValues))
        case .deferred(let template, let kind, let values):
            OutputFile(path: path, text: templates.render(template, own: values.values(kind), site: siteValues))
        case .bytes(let data):
            OutputFile(path: path, contents: data)
        }
    }
}
