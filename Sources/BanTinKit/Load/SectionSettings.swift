/// The `check:` section of site.yml: limits `bantin check` applies.
public struct CheckSettings: Sendable, Equatable {
    /// Photos narrower than this are a warning: shown across a phone's screen (390 px at 2 or 3 device pixels
    /// per CSS pixel) or as an article's lead picture (736 px), they look blurred.
    var minImageWidth = 640

    public init() {}

    static func decode(_ fields: inout YAMLFields) -> CheckSettings {
        fields.warnAboutUnknownKeys(known: ["min_image_width", "max_image_kb"], context: "check")
        var settings = CheckSettings()
        settings.minImageWidth = fields.int("min_image_width", in: 1...100_000) ?? settings.minImageWidth
        if fields.has("max_image_kb") {
            fields.warning("max_image_kb", Message("check.maxImageKBUnused"))
        }
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
