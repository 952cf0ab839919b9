/// The `check:` section of site.yml: limits `bantin check` applies.
public struct CheckSettings: Sendable, Equatable {
    /// Images larger than this are an error.
    var maxImageKB = 500

    public init() {}

    static func decode(_ fields: inout YAMLFields) -> CheckSettings {
        fields.warnAboutUnknownKeys(known: ["max_image_kb"], context: "check")
        var settings = CheckSettings()
        settings.maxImageKB = fields.int("max_image_kb", in: 1...1_000_000) ?? settings.maxImageKB
        return settings
    }
}

/// The `search:` section of site.yml. It has no settings yet; it is decoded all the same, so that a key written
/// in it is reported rather than silently ignored.
public struct SearchSettings: Sendable, Equatable {
    public init() {}

    static func decode(_ fields: inout YAMLFields) -> SearchSettings {
        fields.warnAboutUnknownKeys(known: [], context: "search")
        return SearchSettings()
    }
}
