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

    /// The section as site.yml gives it (defaults for what is missing); problems go into `fields`, with their lines.
    static func decode(_ fields: inout YAMLFields) -> RelatedSettings {
        var settings = RelatedSettings()
        fields.warnAboutUnknownKeys(known: knownKeys, context: "related")
        settings.count = fields.int("count", in: 0...100) ?? settings.count
        settings.minScore = nonNegative(&fields, "min_score") ?? settings.minScore
        if let days = fields.double("date_half_life_days") {
            if days > 0 { settings.dateHalfLifeDays = days } else {
                fields.error("date_half_life_days", Message("field.notPositive", ["key": "date_half_life_days", "found": "\(days)"]))
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
        return settings
    }

    private static func nonNegative(_ fields: inout YAMLFields, _ key: String) -> Double? {
        guard let value = fields.double(key) else { return nil }
        guard value >= 0, value.isFinite else {
            fields.error(key, Message("field.negative", ["key": "\(key)", "found": "\(value)"]))
            return nil
        }
        return value
    }
}
