import Testing
@testable import BanTinKit

/// Pages are rendered over typed values encoded once (`TemplateEncoder`, `TemplateNode`) for speed; each
/// template here must come out exactly as it does over the same values as plain dictionaries, strings,
/// numbers and flags, swift-mustache's own reading of Swift values.
@Suite struct TemplateValueTests {
    struct Link: Codable { var url: String; var title: String }
    struct Tag: Codable { var name: String; var url: String }
    struct Article: Codable { var title: String; var author: String?; var source: String?; var tags: [Tag] }
    struct Own: Codable {
        var title: String
        var empty: String
        var count: Int
        var flag: Bool
        var off: Bool
        var missingText: String?
        var article: Article
        var related: [Link]
        var none: [Link]
        var words: [String]
        var partialName: String
    }
    struct Site: Codable { var site: SiteTitle; var title: String; var assets: String }
    struct SiteTitle: Codable { var title: String; var language: String }

    static let own = Own(
        title: "Kế hoạch <số> 03-KH/ĐUS & \"quý\" 'IV'", empty: "", count: 3, flag: true, off: false, missingText: nil,
        article: Article(title: "Tin A", author: "Ban Tuyên giáo", source: nil, tags: [Tag(name: "dân vận", url: "/the/dan-van/")]),
        related: [Link(url: "/tin/a/", title: "A"), Link(url: "/tin/b/", title: "B <b>")], none: [],
        words: ["một", "hai"], partialName: "partials/small")
    static let site = Site(site: SiteTitle(title: "Cổng thông tin", language: "vi"),
                           title: "shadowed by the page's own title", assets: "/assets")

    /// The same values as swift-mustache reads plain Swift values (a nil optional left out).
    nonisolated(unsafe) static let plain: [String: Any] = [
        "site": ["title": "Cổng thông tin", "language": "vi"] as [String: Any],
        "assets": "/assets",
        "title": own.title, "empty": "", "count": 3, "flag": true, "off": false,
        "article": ["title": "Tin A", "author": "Ban Tuyên giáo", "tags": [["name": "dân vận", "url": "/the/dan-van/"]]] as [String: Any],
        "related": [["url": "/tin/a/", "title": "A"], ["url": "/tin/b/", "title": "B <b>"]] as [[String: Any]],
        "none": [[String: Any]](),
        "words": ["một", "hai"],
        "partial_name": "partials/small",
    ]

    static let cases: [String] = [
        "{{title}}|{{{title}}}|{{&title}}|{{site.title}}|{{assets}}|{{count}}|{{flag}}|{{missing}}|{{missing_text}}",
        "{{#article}}{{title}} / {{author}} / {{source}} / {{site.language}}{{/article}}|{{article.title}}|{{article.missing}}",
        "{{#article.tags}}<a href=\"{{url}}\">{{name}}</a>{{title}}{{/article.tags}}",
        "{{#related}}[{{url}} {{title}} {{assets}}]{{/related}}{{^related}}none{{/related}}",
        "{{#none}}x{{/none}}{{^none}}empty list{{/none}}",
        "{{#title}}[{{.}}|{{length}}|{{title}}]{{/title}}{{#empty}}(empty shown){{/empty}}{{^empty}}(empty hidden){{/empty}}",
        "{{#flag}}on{{/flag}}{{^off}}off{{/off}}{{#missing_text}}m{{/missing_text}}{{^missing_text}}no m{{/missing_text}}",
        "{{#count}}[{{.}}]{{/count}}{{#words}}<{{.}}>{{/words}}",
        "{{uppercased(title)}}|{{count(related)}}|{{empty(none)}}|{{reversed(title)}}",
        "{{#first(related)}}{{title}}{{/first(related)}}|{{#enumerated(words)}}{{.}}{{/enumerated(words)}}",
        "{{>*partial_name}}|{{#related}}{{#first}}first:{{/first}}{{title}}{{#last}}:last{{/last}}{{/related}}",
    ]

    private func templates(_ text: String) throws -> (TemplateSet, MustacheLibraryCheck) {
        var sources = Fixtures.templates
        sources["page"] = SourceFile(path: "templates/page.mustache", text: text)
        sources["partials/small"] = SourceFile(path: "templates/partials/small.mustache", text: "small {{title}}")
        return (try TemplateSet(sources: sources), MustacheLibraryCheck(sources: sources))
    }

    @Test(arguments: cases)
    func typedValuesRenderAsPlainValues(_ text: String) throws {
        let (set, reference) = try templates(text)
        let expected = reference.render("page", Self.plain)
        #expect(set.render("page", own: TemplateEncoder.fields(Self.own), site: TemplateEncoder.fields(Self.site)) == expected)
        #expect(!expected.isEmpty)
    }

    @Test func aPartialNamedByAValueIsStillFound() throws {
        let (set, _) = try templates("<{{>*partial_name}}>")
        #expect(set.render("page", own: TemplateEncoder.fields(Self.own), site: TemplateEncoder.fields(Self.site))
                == "<small Kế hoạch &lt;số&gt; 03-KH/ĐUS &amp; &quot;quý&quot; &#39;IV&#39;>")
        #expect(TemplateSet.hasDynamicPartial("a {{ > * name }} b"))
        #expect(!TemplateSet.hasDynamicPartial("{{> partials/menu}} {{>name}}"))
    }

    @Test func fieldNamesAreTheSwiftNamesInSnakeCase() {
        #expect(["title", "dateShort", "dateISO", "bodyHTML", "jsonLD", "appleTouchIconURL", "prevID", "og"]
                    .map(TemplateEncoder.name)
                == ["title", "date_short", "date_iso", "body_html", "json_ld", "apple_touch_icon_url", "prev_id", "og"])
    }
}

import Mustache

/// The templates compiled as `TemplateSet` compiles them, rendering whatever value they are given.
struct MustacheLibraryCheck {
    let library: MustacheLibrary

    init(sources: [String: SourceFile]) {
        HTMLEscaping.registered
        library = MustacheLibrary(templates: sources.mapValues { try! MustacheTemplate(string: HTMLEscaping.pragma + $0.text) })
    }

    func render(_ name: String, _ values: Any) -> String { library.render(values, withTemplate: name) ?? "" }
}
