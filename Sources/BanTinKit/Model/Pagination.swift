/// Splits a listing into pages of a fixed size. A listing always has at least one page (maybe empty).
public struct Pagination: Sendable, Equatable {
    public var itemCount: Int
    public var pageSize: Int

    public init(itemCount: Int, pageSize: Int) {
        self.itemCount = max(0, itemCount)
        self.pageSize = max(1, pageSize)
    }

    public var pageCount: Int { max(1, (itemCount + pageSize - 1) / pageSize) }

    /// Item positions on `page` (1-based); empty when out of range.
    public func range(ofPage page: Int) -> Range<Int> {
        guard page >= 1, page <= pageCount else { return 0..<0 }
        let start = (page - 1) * pageSize
        return start..<min(start + pageSize, itemCount)
    }
}
