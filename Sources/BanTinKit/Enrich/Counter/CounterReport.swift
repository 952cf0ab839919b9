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
    /// Other methods, other statuses (404, 301, …), feeds and URLs that are not pages of the site.
    public var other = 0
    public var malformed = 0
    /// Dated more than a day after the build (a server clock set wrong): skipped.
    var future = 0

    public init() {}

    public var summary: String {
        var files = "\(self.files) log file\(self.files == 1 ? "" : "s")"
        if filesUnchanged > 0 { files += ", \(filesUnchanged) unchanged" }
        return "counter: \(linesRead) new lines read (\(files)): \(views) views, \(bots) bots, "
            + "\(assets) assets, \(other) other, \(malformed) malformed" + (future > 0 ? ", \(future) dated in the future" : "")
    }
}
