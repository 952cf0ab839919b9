import Foundation
import Testing
@testable import BanTinKit

/// What pages share is rendered once (`TemplateSet.sharingFragments`): `shared/` fragments once per build, a
/// partial (the menu, the breadcrumb, an entry of the related list) once per distinct value of what it reads. Pages
/// must read exactly as if each had rendered everything itself.
@Suite struct SharedRendersTests {
    static let menuSite = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML + """

        menu:
          - title: "Trang chủ"
            url: "/"
          - title: "Giới thiệu"
            url: "/gioi-thieu/"
          - title: "Các vấn đề chung"
            url: "/chuyen-muc/cac-van-de-chung/"
          - title: "Lao động - Việc làm"
            url: "/chuyen-muc/lao-dong-viec-lam/"
        """)

    /// Every page of a site, rendered by `render` with the plan's values.
    static func pages(templates sources: [String: SourceFile], render: (TemplateSet, String, TemplateFields, TemplateFields) -> String)
        throws -> (plain: [String: String], shared: [String: String], sharedSet: TemplateSet) {
        let (site, _, _) = try Fixtures.model(siteFile: menuSite, articleFiles: ArchitectureTests.articles,
                                           pageFiles: [ArchitectureTests.page], options: Fixtures.options)
        let rendered = ArticleBodies.render(site)
        let plainSet = try TemplateSet(sources: sources)
        let plan = SiteRenderer(site: rendered, table: PageTable(site: rendered), templates: plainSet, dates: Fixtures.dates,
                                related: RelatedLists.compute(rendered)).plan()
        var plain: [String: String] = [:], shared: [String: String] = [:]
        for file in plan.files {
            guard case .deferred(let template, let kind, let values) = file.content else { continue }
            let own = values.values(kind)
            plain[file.path] = render(plainSet, template, own, file.siteValues)
            shared[file.path] = render(plan.templates, template, own, file.siteValues)
        }
        return (plain, shared, plan.templates)
    }

    static func render(_ set: TemplateSet, _ template: String, _ own: TemplateFields, _ site: TemplateFields) -> String {
        set.render(template, own: own, site: site)
    }

    @Test func pagesOfTheRealTemplatesReadTheSameWithSharedPartsRenderedOnce() throws {
        let sources = try TemplateLoader(templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates")).templateSources()
        let (plain, shared, set) = try Self.pages(templates: sources, render: Self.render)
        #expect(plain.count > 10)
        for (path, page) in plain { #expect(shared[path] == page, "\(path)") }
        #expect(set.memoisedPartials().contains("partials/menu"))
        #expect(set.memoisedPartials().contains("partials/breadcrumb"))
        #expect(plain.values.contains { $0.contains("<li><a href=\"/chuyen-muc/cac-van-de-chung/\" aria-current=\"page\">") })
        #expect(set.partialRenders > 0)
    }

    @Test func aPartialDependingOnThePageIsRenderedOncePerDistinctValue() throws {
        var sources = Fixtures.templates
        sources["base"] = SourceFile(path: "templates/base.mustache", text: """
            <html><title>{{page_title}}</title>
            {{> partials/menu}}
            {{$main}}{{/main}}{{> partials/sidebar}}</html>
            """)
        sources["partials/menu"] = SourceFile(path: "templates/partials/menu.mustache",
                                              text: "<ul>{{#menu}}<li{{#is_active}} class=\"on\"{{/is_active}}>{{title}}</li>{{/menu}}</ul>\n")
        let (plain, shared, set) = try Self.pages(templates: sources, render: Self.render)
        #expect(plain == shared)
        #expect(plain.values.contains { $0.contains("<li class=\"on\">Giới thiệu</li>") })
        let menus = Set(plain.values.compactMap { page in page.range(of: "<ul>").map { page[$0.lowerBound...].prefix { $0 != "\n" } } })
        #expect(set.memoisedPartials() == ["partials/menu", "partials/sidebar"])
        #expect(set.partialRenders == menus.count + 1, "each distinct menu, and the sidebar once")
        #expect(menus.count > 2)
    }

    @Test func aPartialInsideASectionIsRenderedOncePerDistinctValueOfWhatItReads() throws {
        var sources = Fixtures.templates
        sources["article"] = SourceFile(path: "templates/article.mustache", text: """
            {{<base}}{{$main}}{{#article}}{{> partials/crumb}}{{#related}}{{> partials/entry}}{{/related}}{{/article}}{{/main}}{{/base}}
            """)
        // The crumb reads the article's category alone; the entry reads the related article's fields.
        sources["partials/crumb"] = SourceFile(path: "templates/partials/crumb.mustache", text: "<nav>{{category_name}}</nav>")
        sources["partials/entry"] = SourceFile(path: "templates/partials/entry.mustache", text: "<li>{{title}}</li>")
        let (plain, shared, set) = try Self.pages(templates: sources, render: Self.render)
        #expect(plain == shared)
        #expect(set.memoisedPartials() == ["partials/crumb", "partials/entry", "partials/sidebar"])
        #expect(plain.values.contains { $0.contains("<nav>Các vấn đề chung</nav>") })
        let crumbs = Set(plain.values.flatMap { page in page.components(separatedBy: "<nav>").dropFirst().map { $0.prefix { $0 != "<" } } })
        let entries = Set(plain.values.flatMap { page in page.components(separatedBy: "<li>").dropFirst().map { $0.prefix { $0 != "<" } } })
        #expect(set.partialRenders == crumbs.count + entries.count + 1, "each distinct category and related article, and the sidebar once")
    }

    @Test func aPartialReadingWhatItsPlaceLacksOrTheTopOfTheStackIsRenderedWhereItIs() throws {
        var sources = Fixtures.templates
        sources["article"] = SourceFile(path: "templates/article.mustache", text: """
            {{<base}}{{$main}}{{#article}}{{> partials/below}}{{/article}}{{> partials/dot}}{{/main}}{{/base}}
            """)
        // `page_title` is not the article's: it is found below it, on the page, and differs from page to page.
        sources["partials/below"] = SourceFile(path: "templates/partials/below.mustache", text: "<p>{{category_name}}: {{page_title}}</p>")
        sources["partials/dot"] = SourceFile(path: "templates/partials/dot.mustache", text: "<p>{{.page_title}}</p>")
        let (plain, shared, set) = try Self.pages(templates: sources, render: Self.render)
        #expect(plain == shared)
        #expect(set.memoisedPartials() == ["partials/below", "partials/sidebar"])
        #expect(plain.values.contains { $0.contains("<p>Các vấn đề chung: Hội nghị cán bộ") })
    }

    /// The engine indents the first line of each piece it renders in a partial included indented (not each line):
    /// nothing rendered once would paste the same, so such a set renders everything for each page.
    @Test func aSetWithAnIndentedPartialRendersEveryPageAsTheEngineAlone() throws {
        var sources = Fixtures.templates
        sources["base"] = SourceFile(path: "templates/base.mustache",
                                     text: "<html><title>{{page_title}}</title>{{$main}}{{/main}}\n<div>\n  {{> shared/sidebar}}\n</div></html>")
        sources["shared/sidebar"] = SourceFile(path: "templates/shared/sidebar.mustache",
                                               text: "<aside>\n{{#latest}}\n<a href=\"{{url}}\">{{title}}</a>\n{{/latest}}\n</aside>\n")
        let (plain, shared, set) = try Self.pages(templates: sources, render: Self.render)
        #expect(plain == shared)
        #expect(plain.values.contains { $0.contains("\n  <aside>\n  <a href=") })
        #expect(set.partialRenders == 0)
    }

    @Test func tagsAreReadWithTheirDepthAndIndentation() throws {
        let tags = try #require(TemplateTags("{{#a}}\n  {{> p}}\n{{/a}}{{{b.c}}} {{^d}}{{/d}}{{! x }}{{$e}}{{/e}}"))
        #expect(tags.tags.map { "\($0.sigil.map(String.init) ?? "")\($0.name)@\($0.depth)\($0.indented ? "i" : "")" }
            == ["#a@0", ">p@1i", "/a@0", "{b.c@0", "^d@0", "/d@0", "$e@0", "/e@0"])
        #expect(TemplateTags("{{=<% %>=}}") == nil)
        #expect(TemplateTags("{{#a}}") == nil)
        #expect(TemplateTags.rootName("first(article.tags)") == "article")
        #expect(TemplateTags.rootName(".title") == nil)
        #expect(TemplateTags.rootName("first()") == nil)
    }

    /// The engine casts the page's values for every name it looks up: within an existential's three inline words
    /// a cast copies no box.
    @Test func thePageValuesTheEngineIsHandedFitAnExistentialInline() {
        #expect(MemoryLayout<LayeredValues>.size <= 3 * MemoryLayout<Int>.size)
        #expect(MemoryLayout<TemplateNode>.size <= 3 * MemoryLayout<Int>.size)
    }
}
