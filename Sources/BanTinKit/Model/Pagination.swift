/// Splits a listing into pages of a fixed size. A listing always has at least one page (maybe empty).
struct Pagination: Sendable, Equatable {
    var itemCount: Int
    var pageSize: Int

    init(itemCount: Int, pageSize: Int) {
        self.itemCount = max(0, itemCount)
        self.pageSize = max(1, pageSize)
    }

    var pageCount: Int { max(1, (itemCount + pageSize - 1) / pageSize) }

    /// Item positions on `page` (1-based); empty when out of range.
    func range(ofPage page: Int) -> Range<Int> {
        guard page >= 1, page <= pageCount else { return 0..<0 }
        let start = (page - 1) * pageSize
        return start..<min(start + pageSize, itemCount)
    }

    /// The page numbers a pager shows around `current`: the first and last pages, `radius` pages either side
    /// of the current one, and nil where numbers are left out ("1 … 4 5 6 7 8 … 281"). A gap of a single page
    /// shows that page instead. Bounded size, so a listing of thousands of pages does not make every one of
    /// its pages list all the others.
    func window(around current: Int, radius: Int = 2) -> [Int?] {
        let last = pageCount
        let low = max(1, current - radius), high = min(last, current + radius)
        var numbers: [Int?] = []
        if low > 1 { numbers.append(1) }
        if low > 3 { numbers.append(nil) } else if low == 3 { numbers.append(2) }
        numbers += (low...high).map { Optional($0) }
        if high < last - 2 { numbers.append(nil) } else if high == last - 2 { numbers.append(last - 1) }
        if high < last { numbers.append(last) }
        return numbers
    }
}
