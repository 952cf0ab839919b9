/// The `documents:` section of site.yml: the types of document (loại văn bản) editors may write in `type:`.
public struct DocumentSettings: Sendable, Equatable {
    /// The usual types of Vietnamese administrative documents; a site lists its own to narrow or widen them.
    var types = ["Kế hoạch", "Quyết định", "Công văn", "Thông báo", "Báo cáo", "Hướng dẫn", "Nghị quyết", "Chỉ thị",
                 "Kết luận", "Quy định", "Chương trình", "Tờ trình", "Thông tư", "Nghị định", "Luật"]

    public init() {}

    static func decode(_ fields: inout YAMLFields) -> DocumentSettings {
        fields.warnAboutUnknownKeys(known: ["types"], context: "documents")
        var settings = DocumentSettings()
        let types = fields.strings("types").map(Composed.nfc).filter { !$0.isEmpty }
        if !types.isEmpty { settings.types = types }
        return settings
    }
}
