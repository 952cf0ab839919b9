import Foundation

/// How related news are chosen: the `related:` section of site.yml.
///
/// ```yaml
/// related:
///   count: 6               # articles per list
///   min_score: 0.1         # an article must score this much without the date to be listed
///   date_half_life_days: 365
///   weights: {category: 0.05, parent: 0.02, tags: 0.1, text: 1.0, date: 0.1}
/// ```
public struct RelatedSettings: Sendable, Equatable {
    /// How much each signal (each from 0 to 1) counts in an article's score. The text leads: a story's
    /// follow-ups are often filed in another category and carry other tags (issue #15), so category, tags and
    /// date only order articles whose texts are about equally close. A same-category bonus of 1.0 against a
    /// text weight of 2.0 let any same-category article beat a follow-up of the same event.
    public struct Weights: Sendable, Equatable {
        public var category = 0.05
        public var parent = 0.02
        public var tags = 0.1
        public var text = 1.0
        public var date = 0.1
        public init() {}
    }

    public var count = 6
    public var weights = Weights()
    /// Measured on the score without the date: closeness in time reorders related articles but never makes
    /// an article related on its own.
    public var minScore = 0.1
    /// Days apart at which the date signal halves (a year by default: 2018 plans near 2018 reports).
    public var dateHalfLifeDays = 365.0

    public init() {}

    static let knownKeys = ["count", "min_score", "date_half_life_days", "weights"]
    static let knownWeights = ["category", "parent", "tags", "text", "date"]

    /// Settings from site.yml (defaults for what is missing) and every problem found, with its line.
    public static func read(_ config: SiteConfig) -> (settings: RelatedSettings, diagnostics: [Diagnostic]) {
        var settings = RelatedSettings()
        settings.count = config.relatedCount
        guard var fields = config.extra["related"]?.fields else { return (settings, []) }
        // `count` was read (and any problem with it reported) by SiteConfig: start from a clean slate.
        _ = fields.takeDiagnostics()
        fields.warnAboutUnknownKeys(known: knownKeys, context: "related")
        settings.minScore = nonNegative(&fields, "min_score") ?? settings.minScore
        if let days = fields.double("date_half_life_days") {
            if days > 0 { settings.dateHalfLifeDays = days } else {
                fields.error("date_half_life_days", "\"date_half_life_days\" must be more than 0, found \(days)")
            }
        }
        if var weights = fields.mapping("weights") {
            weights.warnAboutUnknownKeys(known: knownWeights, context: "related weights")
            let defaults = settings.weights
            settings.weights.category = nonNegative(&weights, "category") ?? defaults.category
            settings.weights.parent = nonNegative(&weights, "parent") ?? defaults.parent
            settings.weights.tags = nonNegative(&weights, "tags") ?? defaults.tags
            settings.weights.text = nonNegative(&weights, "text") ?? defaults.text
            settings.weights.date = nonNegative(&weights, "date") ?? defaults.date
            fields.absorb(&weights)
        }
        return (settings, fields.takeDiagnostics())
    }

    private static func nonNegative(_ fields: inout YAMLFields, _ key: String) -> Double? {
        guard let value = fields.double(key) else { return nil }
        guard value >= 0, value.isFinite else {
            fields.error(key, "\"\(key)\" must be a number of 0 or more, found \(value)")
            return nil
        }
        return value
    }
}
