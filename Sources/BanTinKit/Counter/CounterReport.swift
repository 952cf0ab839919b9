/// What one build's ingestion did, for the build summary and `bantin counter`.
/// Every line read is exactly one of: a view, a bot, an asset, other, malformed, future.
public struct CounterReport: Sendable, Equatable {
    /// Log files the patterns matched, and of those: read (for new lines), and skipped as unchanged.
    public var files = 0
    public var filesRead = 0
    var filesUnchanged = 0
    public var linesRead = 0
    public var views = 0
    public var bots = 0
    public var assets = 0
    /// GET 200 of a published file (`/files/…`): counted for the file ("Lượt tải"), not as views.
    public var downloads = 0
    /// Other methods, other statuses (404, 301, …), feeds and URLs that are not pages of the site.
    public var other = 0
    public var malformed = 0
    /// Dated more than a day after the build (a server clock set wrong): skipped.
    var future = 0

    public init() {}

    public var summary: String { summary(in: .en) }

    public func summary(in language: Language) -> String {
        let none = Message.verbatim("")
        return Message("summary.counter", [
            "lines": .count(linesRead), "files": .count(files),
            "unchanged": .message(filesUnchanged > 0 ? Message("summary.counterUnchanged", ["count": .count(filesUnchanged)]) : none),
            "views": .count(views),
            "downloads": .message(downloads > 0 ? Message("summary.counterDownloads", ["count": .count(downloads)]) : none),
            "bots": .count(bots), "assets": .count(assets), "other": .count(other),
            "malformed": .count(malformed),
            "future": .message(future > 0 ? Message("summary.counterFuture", ["count": .count(future)]) : none),
        ]).rendered(in: language)
    }
}
