import Testing
@testable import BanTinKit

/// Pages are rendered over wrapped values (`LayeredValues`, `TemplateValue`) for speed; each template here
/// must come out exactly as it does over the same values as plain dictionaries and strings.
@Suite struct TemplateValueTests {
    nonisolated(unsafe) static let own: [String: Any] = [
        "title": "Kế hoạch <số> 03-KH/ĐUS & \"quý\" 'IV'",
        "empty": "",
        "count": 3,
        "flag": true,
        "off": false,
        "article": ["title": "Tin A", "author": "Ban Tuyên giáo", "tags": [["name": "dân vận", "url": "/the/dan-van/"]]] as [String: Any],
        "related": [["url": "/tin/a/", "title": "A"], ["url": "/tin/b/", "title": "B <b>"]] as [[String: Any]],
        "none": [[String: Any]](),
        "words": ["một", "hai"],
        "partial_name": "partials/small",
    ]
    nonisolated(unsafe) static let site: [String: Any] = [
        "site": ["title": "Cổng thông tin", "language": "vi"] as [String: Any],
        "title": "shadowed by the page's own title",
        "assets": "/assets",
    ]

    static let cases: [String] = [
        "{{title}}|{{{title}}}|{{&title}}|{{site.title}}|{{assets}}|{{count}}|{{flag}}|{{missing}}",
        "{{#article}}{{title}} / {{author}} / {{site.language}}{{/article}}|{{article.title}}|{{article.missing}}",
        "{{#article.tags}}<a href=\"{{url}}\">{{name}}</a>{{title}}{{/article.tags}}",
        "{{#related}}[{{url}} {{title}} {{assets}}]{{/related}}{{^related}}none{{/related}}",
        "{{#none}}x{{/none}}{{^none}}empty list{{/none}}",
        "{{#title}}[{{.}}|{{length}}|{{title}}]{{/title}}{{#empty}}(empty shown){{/empty}}{{^empty}}(empty hidden){{/empty}}",
        "{{#flag}}on{{/flag}}{{^off}}off{{/off}}{{#missing}}m{{/missing}}{{^missing}}no m{{/missing}}",
        "{{#words}}<{{.}}>{{/words}}",
        "{{uppercased(title)}}|{{count(related)}}|{{empty(none)}}|{{reversed(title)}}",
        "{{#first(related)}}{{title}}{{/first(related)}}|{{count(article)}}|{{#enumerated(words)}}{{.}}{{/enumerated(words)}}",
        "{{#article}}{{.}}{{/article}}|{{related}}|{{article}}",
        "{{>*partial_name}}|{{#related}}{{#first}}first:{{/first}}{{title}}{{#last}}:last{{/last}}{{/related}}",
    ]

    private func templates(_ text: String) throws -> TemplateSet {
        var sources = Fixtures.templates
        sources["page"] = SourceFile(path: "templates/page.mustache", text: text)
        sources["partials/small"] = SourceFile(path: "templates/partials/small.mustache", text: "small {{title}}")
        return try TemplateSet(sources: sources)
    }

    @Test(arguments: cases)
    func wrappedValuesRenderAsPlainValues(_ text: String) throws {
        let set = try templates(text)
        let plain = Self.site.merging(Self.own) { _, own in own }
        let expected = set.render("page", plain as Any)
        #expect(set.render("page", own: Self.own, site: Self.site) == expected)
        // Also with strings wrapped, whether or not a template names partials from values.
        #expect(set.render("page", LayeredValues(own: Self.own, site: Self.site, wrapsText: true)) == expected
                    || text.contains(">*"))
        #expect(!expected.isEmpty)
    }

    @Test func aPartialNamedByAValueIsStillFound() throws {
        let set = try templates("<{{>*partial_name}}>")
        #expect(set.render("page", own: Self.own, site: Self.site) == "<small Kế hoạch &lt;số&gt; 03-KH/ĐUS &amp; &quot;quý&quot; &#39;IV&#39;>")
        #expect(TemplateSet.hasDynamicPartial("a {{ > * name }} b"))
        #expect(!TemplateSet.hasDynamicPartial("{{> partials/menu}} {{>name}}"))
    }
}
