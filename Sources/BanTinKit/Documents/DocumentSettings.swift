/// The `documents:` section of site.yml: the types of document (loại văn bản) editors may write in `type:`.
public struct DocumentSettings: Sendable, Equatable {
    /// nil (no `types:`): any type is taken as written. The words are the site's, in site.yml, not bantin's.
    var types: [String]?

    public init() {}

    static func decode(_ fields: inout YAMLFields) -> DocumentSettings {
        fields.warnAboutUnknownKeys(known: ["types"], context: "documents")
        var settings = DocumentSettings()
        let types = fields.strings("types").map(Composed.nfc).filter { !$0.isEmpty }
        if !types.isEmpty { settings.types = types }
        return settings
    }

    enum TypeMatch {
        case known(String)
        case unknown(Message)
    }

    /// A type as site.yml spells it ("ke hoach" → "Kế hoạch"), or the error when site.yml lists no such type.
    func type(_ written: String) -> TypeMatch {
        guard let types else { return .known(written) }
        if let known = types.first(where: { Slug.make($0) == Slug.make(written) }) { return .known(known) }
        let nearest = NearestWord.find(written, in: types)
        return .unknown(Message("document.unknownType", [
            "type": .text(written), "known": .list(types),
            "nearest": nearest.map { Message.Argument.message(Message("document.didYouMean", ["type": .text($0)])) }
                ?? .message(.verbatim(""))]))
    }
}
