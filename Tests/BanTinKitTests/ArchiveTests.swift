import Foundation
import Testing
@testable import BanTinKit

/// "Lưu trữ": /luu-tru/<yyyy>/<mm>/ pages and the sidebar's years → months.
struct ArchiveTests {
    static let articles = [
        Fixtures.article("a", title: "Cuối tháng 11", date: "2026-11-30 23:30"),
        // 00:30 in Hà Nội on 1 December is still 30 November in UTC: the site's time zone decides.
        Fixtures.article("b", title: "Đầu tháng 12", date: "2026-12-01 00:30"),
        Fixtures.article("c", title: "Tháng 11 nữa", date: "2026-11-02"),
        Fixtures.article("d", title: "Tháng 11 thứ ba", date: "2026-11-01"),
        Fixtures.article("e", title: "Năm trước", date: "2025-01-15"),
    ]

    @Test func monthsFollowTheSiteTimeZoneNewestFirst() throws {
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: Self.articles, pageFiles: [], options: Fixtures.options)
        let months = Archive.months(of: site)
        #expect(months.map { "\($0.year)/\($0.month):\($0.positions.count)" } == ["2026/12:1", "2026/11:3", "2025/1:1"])
    }

    @Test func monthPagesArePaginatedListings() throws {
        let files = try Fixtures.build(Self.articles)
        let first = try #require(files["luu-tru/2026/11/index.html"])
        #expect(first.contains("<h1>11/2026</h1>"))
        #expect(first.contains("<li>Cuối tháng 11</li><li>Tháng 11 nữa</li>"))
        #expect(first.contains("href=\"/luu-tru/2026/11/trang/2/\""))
        #expect(files["luu-tru/2026/11/trang/2/index.html"]?.contains("<li>Tháng 11 thứ ba</li>") == true)
        #expect(files["luu-tru/2026/12/index.html"]?.contains("Đầu tháng 12") == true)
        #expect(files["luu-tru/2025/01/index.html"] != nil)
    }

    @Test func sidebarValuesGroupMonthsByYear() throws {
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: Self.articles, pageFiles: [], options: Fixtures.options)
        let years = PageContexts.siteValues(site: site, routes: Routes(baseURL: site.config.baseURL), items: []).archiveYears
        #expect(years.map(\.year) == [2026, 2025])
        #expect(years.map(\.count) == [4, 1])
        #expect(years.map(\.isOpen) == [true, false])
        let months = try #require(years.first?.months)
        #expect(months.map(\.month) == ["12", "11"])
        #expect(months.map(\.url) == ["/luu-tru/2026/12/", "/luu-tru/2026/11/"])
        #expect(months.map(\.count) == [1, 3])
        // Older years link to their own page, which lists their months; not every page lists them.
        #expect(years.last?.months.isEmpty == true)
        #expect(years.map(\.url) == ["/luu-tru/2026/", "/luu-tru/2025/"])
    }

    @Test func monthPagesListTheMonthsOfTheirYear() throws {
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: Self.articles, pageFiles: [], options: Fixtures.options)
        let contexts = PageContexts(site: site, routes: Routes(baseURL: site.config.baseURL), dates: Fixtures.dates)
        let months = Archive.months(of: site)
        let november = months[1]
        let context = contexts.archive(november, page: 1, pagination: Pagination(itemCount: 3, pageSize: 2),
                                       sameYear: months.filter { $0.year == 2026 })
        let listing = try #require(context.listing)
        #expect(listing.isArchive == true)
        let row = try #require(listing.yearMonths)
        #expect(row.map(\.month) == ["12", "11"])
        #expect(row.map(\.isCurrent) == [false, true])
    }

    @Test func localeGivesTheMonthPageItsTitle() {
        var dates = Fixtures.dates
        dates.archiveTitlePattern = "Lưu trữ tháng {mm}/{yyyy}"
        #expect(dates.archiveTitle(year: 2026, month: 3) == "Lưu trữ tháng 03/2026")
    }
}
