import Foundation

/// The `counter:` section of site.yml. Paths are relative to the project folder (the one holding
/// `content/`), or absolute:
///
///     counter:
///       logs: ["/var/log/nginx/access.log*"]   # glob patterns; plain or .gz
///       state: content/data/visits.json         # the running totals, kept between builds
///       baseline: 892762                        # the old portal's "Tất cả"
///       import: content/data/old-views.csv      # optional: url,views per page from the old portal
///       online_window: 15                       # minutes (or "15m", "1h")
///       most_read: 5                            # length of the "Tin đọc nhiều" list
///       bots: ["UptimeRobot"]                   # more user agents that are not readers
public struct CounterSettings: Sendable, Equatable {
    public var logs: [String] = []
    public var state = "content/data/visits.json"
    public var baseline = 0
    var importFile: String?
    /// Seconds.
    public var onlineWindow: Int64 = 15 * 60
    var mostReadCount = 5
    /// "Tin đọc nhiều" counts the views of this many days, up to the snapshot's day.
    public var mostReadDays = 30
    public var bots: [String] = []
    /// False when site.yml names no `logs` at all (only the baseline can be shown).
    var logsGiven = false
    /// Line of the section in site.yml, for messages about it.
    public var line: Int?
    public var file = "site.yml"

    public init(logs: [String] = []) { self.logs = logs }

    static let knownKeys = ["logs", "state", "baseline", "import", "online_window", "most_read", "bots"]

    /// The section as site.yml gives it; problems go into `fields`, with their lines.
    static func decode(_ fields: inout YAMLFields) -> CounterSettings {
        fields.warnAboutUnknownKeys(known: knownKeys, context: "counter")
        var settings = CounterSettings()
        settings.file = fields.file
        settings.line = fields.mappingLine
        settings.logsGiven = fields.has("logs")
        settings.logs = fields.strings("logs")
        settings.state = fields.string("state") ?? settings.state
        settings.baseline = fields.int("baseline", in: 0...Int(Int32.max) * 1000) ?? 0
        settings.importFile = fields.string("import")
        settings.mostReadCount = fields.int("most_read", in: 0...100) ?? settings.mostReadCount
        settings.bots = fields.strings("bots")
        if let window = readWindow(&fields) { settings.onlineWindow = window }
        return settings
    }

    /// Minutes as a number, or a text such as "15m", "90 minutes", "1h", "2 hours".
    private static func readWindow(_ fields: inout YAMLFields) -> Int64? {
        guard let node = fields.node("online_window") else { return nil }
        if node.int != nil { return fields.int("online_window", in: 1...1440).map { Int64($0) * 60 } }
        let text = (node.string ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        let number = Int(text.prefix { $0.isNumber })
        let unit = text.drop { $0.isNumber }
        let factor: Int64? = switch unit {
        case "m", "min", "mins", "minute", "minutes": 60
        case "h", "hour", "hours": 3600
        default: nil
        }
        guard let number, let factor, number > 0, Int64(number) * factor <= 86_400 else {
            fields.error("online_window", Message("counter.onlineWindow", ["found": "\(node.string ?? "")"]))
            return nil
        }
        return Int64(number) * factor
    }
}
