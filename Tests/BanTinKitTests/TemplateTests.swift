import Testing
@testable import BanTinKit

@Suite struct TemplateTests {
    @Test func syntaxErrorNamesTemplateFileAndLine() {
        var sources = Fixtures.templates
        sources["list"] = SourceFile(path: "templates/list.mustache", text: "<ul>\n{{#listing.items}}\n<li>{{title}}</li>\n{{/items}}\n")
        #expect(throws: BuildFailure.self) { try TemplateSet(sources: sources) }
        do {
            _ = try TemplateSet(sources: sources)
        } catch {
            let first = error.diagnostics.first
            #expect(first?.file == "templates/list.mustache")
            #expect(first?.line == 4)
            #expect(first?.message.contains("closed with a different name") == true)
        }
    }

    @Test func missingPartialIsReportedWhereItIsUsed() {
        var sources = Fixtures.templates
        sources["page"] = SourceFile(path: "templates/page.mustache", text: "<main>\n\n  {{> partials/khong-co }}\n</main>")
        do {
            _ = try TemplateSet(sources: sources)
            Issue.record("expected a failure")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "templates/page.mustache:3: error: template \"page\" uses partial \"partials/khong-co\", but there is no file partials/khong-co.mustache",
            ])
        }
    }

    @Test func missingPageTemplateIsReported() {
        var sources = Fixtures.templates
        sources["print"] = nil
        do {
            _ = try TemplateSet(sources: sources)
            Issue.record("expected a failure")
        } catch {
            #expect(error.diagnostics.first?.message.contains("missing template print.mustache") == true)
        }
    }

    @Test func titlesAreEscapedAndOnlyTheBodyIsRaw() throws {
        let article = Fixtures.article("x", title: "<script>alert('x')</script> & {{site}}", body: "Một **đoạn**.")
        let files = try Fixtures.build([article])
        let page = try #require(files.first { $0.key.hasPrefix("tin/") && !$0.key.hasSuffix("/in.html") }?.value)
        #expect(page.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {{site}}</h1>")
            || page.contains("<h1>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; {{site}}</h1>")
            || page.contains("<h1>&lt;script&gt;alert('x')&lt;/script&gt; &amp; {{site}}</h1>"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("<p>Một <strong>đoạn</strong>.</p>"))
    }

    /// `shared/` fragments are rendered once per build and pasted into every page; the pages must read
    /// exactly as if each had rendered them itself, braces in editors' titles included.
    @Test func sharedFragmentsArePastedVerbatimIntoEveryPage() throws {
        var sources = Fixtures.templates
        sources["base"] = SourceFile(path: "templates/base.mustache",
                                     text: "<html><title>{{page_title}}</title>{{$main}}{{/main}}{{> shared/sidebar}}</html>")
        sources["shared/sidebar"] = SourceFile(path: "templates/shared/sidebar.mustache",
                                               text: "<aside>{{#latest}}<a href=\"{{url}}\">{{title}}</a>{{/latest}}[{{current_url}}]</aside>")
        let articles = [Fixtures.article("a", title: "Tin {{nguy hiểm}} & <b>", date: "2026-11-20"),
                        Fixtures.article("b", title: "Tin thứ hai", date: "2026-11-21")]
        let files = try Fixtures.build(articles, templates: sources)
        let pages = files.filter { $0.key.hasSuffix(".html") && $0.value.contains("<html>") }
        let sidebar = "<aside><a href=\"/tin/tin-thu-hai/\">Tin thứ hai</a><a href=\"/tin/tin-nguy-hiem-b/\">Tin {{nguy hiểm}} &amp; &lt;b&gt;</a>[]</aside>"
        #expect(pages.count > 4)
        #expect(pages.allSatisfy { $0.value.contains(sidebar) }, "page values such as current_url are not seen by shared fragments")
    }
}
