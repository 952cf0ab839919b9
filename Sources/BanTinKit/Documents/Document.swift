import Foundation

/// A document (văn bản) of `content/documents/`: its metadata as the editor typed it, validated.
public struct Document: Sendable {
    public var sourcePath: String
    public var slug: String
    /// Số ký hiệu ("03-KH/ĐUS").
    public var number: String
    /// Loại văn bản, as site.yml spells it.
    public var type: String
    /// Trích yếu.
    public var title: String
    /// Cơ quan ban hành.
    public var issuer: String
    /// Days, at midnight in the site's time zone.
    public var issued: Date
    public var effective: Date?
    public var expired: Date?
    public var signer: String?
    public var field: String?
    public var files: [PublishedFile]
    /// The note below the metadata, rendered from the body's Markdown.
    public var noteHTML: String
    /// Where keys were written, for messages naming a second document.
    var lines = Lines()

    struct Lines: Sendable {
        var number: Int?
        var slug: Int?
    }

    /// In force or not, which changes with the days: a page showing it is as old as the build that wrote it
    /// (`changes(after:)` tells the timer build when to write it again).
    public enum State: String, Sendable {
        case notYetInForce = "chua-co-hieu-luc"
        case inForce = "con-hieu-luc"
        case expired = "het-hieu-luc"
    }

    /// As of the build's time (`DocumentShelf.make`).
    public internal(set) var state = State.inForce

    public func state(at now: Date) -> State {
        if let expired, expired <= now { return .expired }
        if (effective ?? issued) > now { return .notYetInForce }
        return .inForce
    }

    /// The times after `now` at which `state` changes.
    func changes(after now: Date) -> [Date] {
        [effective ?? issued, expired].compactMap { $0 }.filter { $0 > now }
    }
}

/// A file of `content/files/` that something lists or links, published byte for byte under `/files/`.
public struct PublishedFile: Sendable, Hashable {
    /// As the project names it ("content/files/Kế hoạch 03.pdf").
    public var source: String
    /// Inside the content folder ("files/Kế hoạch 03.pdf").
    var reference: String
    /// In the output, slugged as pages are ("files/ke-hoach-03.pdf"): the same from build to build, since other
    /// sites link to it.
    public var path: String
    public var type: FileType
    public var size: Int

    /// The kinds of files a document may have, each known by its first bytes.
    public enum FileType: String, Sendable, CaseIterable {
        case pdf, doc, docx, xls, xlsx, odt, ods, zip

        var mimeType: String {
            switch self {
            case .pdf: "application/pdf"
            case .doc: "application/msword"
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .xls: "application/vnd.ms-excel"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .odt: "application/vnd.oasis.opendocument.text"
            case .ods: "application/vnd.oasis.opendocument.spreadsheet"
            case .zip: "application/zip"
            }
        }

        /// "PDF", as shown beside a download link.
        var label: String { rawValue.uppercased() }

        /// Whether the bytes are what the extension says: a `.pdf` that is a renamed Word file would be offered as
        /// a PDF and fail to open.
        func matches(_ head: Data) -> Bool {
            switch self {
            case .pdf: head.starts(with: Array("%PDF-".utf8))
            // Office Open XML and OpenDocument files are ZIP archives.
            case .docx, .xlsx, .odt, .ods, .zip: head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
            // Word 97-2003 and Excel 97-2003 files are OLE compound files.
            case .doc, .xls: head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
            }
        }
    }

    /// "245 KB", "1,2 MB": kilobytes of 1,024 bytes, as file managers show them, never "0 KB".
    var sizeText: String {
        if size < 1024 * 1024 { return "\(max(1, (size + 512) / 1024)) KB" }
        let tenths = (size * 10 + 512 * 1024) / (1024 * 1024)
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10),\(tenths % 10) MB"
    }
}
