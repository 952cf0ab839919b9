import Foundation
import Testing
@testable import BanTinKit

/// Old URLs (`aliases:`): redirect pages, 301 rules, and the collisions that stop a build.
struct AliasTests {
    static func article(_ name: String, aliases: [String]) -> SourceFile {
        Fixtures.article(name, title: "Bài \(name)", extra: "aliases: [" + aliases.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
    }

    @Test func redirectPagesPointAtTheRightArticle() throws {
        let files = try Fixtures.build([
            Self.article("mot", aliases: ["/tin-tuc/123.html", "/index.php?option=com_content&view=article&id=123"]),
            Self.article("hai", aliases: ["https://old.example.gov.vn/tin-tuc/456/", "/tin-cu/789"]),
        ])
        let cases = [("tin-tuc/123.html", "bai-mot"), ("index.php/option=com_content&view=article&id=123/index.html", "bai-mot"),
                     ("tin-tuc/456/index.html", "bai-hai"), ("tin-cu/789/index.html", "bai-hai")]
        for (path, slug) in cases {
            let page = try #require(files[path], "no redirect page at \(path)")
            #expect(page.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/tin/\(slug)/\">"), "\(path)")
            #expect(page.contains("content=\"0; url=/tin/\(slug)/\""), "\(path)")
            #expect(page.contains("<a href=\"/tin/\(slug)/\">Bài "), "\(path)")
        }
    }

    @Test func rulesGiveEveryOldURLAPermanentRedirect() throws {
        let files = try Fixtures.build([
            Self.article("mot", aliases: ["/tin-tuc/123.html", "/index.php?option=com_content&id=123"]),
            Self.article("hai", aliases: ["/index.php?option=com_content&id=456"]),
        ])
        let netlify = try #require(files["_redirects"])
        #expect(netlify.contains("/tin-tuc/123.html /tin/bai-mot/ 301\n"))
        #expect(netlify.contains("/index.php option=com_content id=123 /tin/bai-mot/ 301\n"))
        let nginx = try #require(files["nginx-redirects.conf"])
        #expect(nginx.contains("location = \"/tin-tuc/123.html\" { return 301 \"/tin/bai-mot/\"; }"))
        #expect(nginx.contains("location = \"/index.php\" {\n"))
        #expect(nginx.contains("\n    if ($args = \"option=com_content&id=123\") { return 301 \"/tin/bai-mot/\"; }\n"))
        #expect(nginx.contains("\n    if ($args = \"option=com_content&id=456\") { return 301 \"/tin/bai-hai/\"; }\n"))
        #expect(nginx.contains("    return 404;\n}\n"))
    }

    @Test func staticPagesHaveOldURLsToo() throws {
        let page = SourceFile(path: "content/pages/gioi-thieu.md", text: "---\ntitle: Giới thiệu\naliases: [\"/gioi-thieu.html\"]\n---\nNội dung.")
        let files = try Fixtures.build([], pages: [page])
        #expect(files["gioi-thieu.html"]?.contains("href=\"https://example.gov.vn/gioi-thieu/\"") == true)
        #expect(files["_redirects"]?.contains("/gioi-thieu.html /gioi-thieu/ 301") == true)
    }

    @Test func twoArticlesClaimingOneOldURLNameBothFiles() {
        let problems = Fixtures.failure([Self.article("mot", aliases: ["/tin-tuc/1.html"]), Self.article("hai", aliases: ["/tin-tuc/1.html"])])
        let message = problems.map(\.description).joined(separator: "\n")
        #expect(problems.count == 1)
        #expect(message.contains("content/articles/hai.md"))
        #expect(message.contains("content/articles/mot.md"))
        #expect(message.contains("\"/tin-tuc/1.html\""))
    }

    @Test func twoSpellingsOfOneAddressCollide() {
        let problems = Fixtures.failure([Self.article("mot", aliases: ["/cu/"]), Self.article("hai", aliases: ["/cu/index.html"])])
        #expect(problems.count == 1)
        #expect(problems.first?.description.contains("content/articles/hai.md (as \"/cu/index.html\")") == true)
    }

    @Test func anOldURLCannotReplaceAPage() {
        let problems = Fixtures.failure([Self.article("mot", aliases: []), Self.article("hai", aliases: ["/tin/bai-mot/", "/feed.xml", "/assets/style.css"])])
        let messages = problems.map(\.description)
        #expect(messages.count == 3)
        #expect(messages.contains { $0.hasPrefix("content/articles/hai.md:") && $0.contains("is the address of content/articles/mot.md") })
        #expect(messages.contains { $0.contains("/feed.xml") && $0.contains("generated file") })
        #expect(messages.contains { $0.contains("/assets/style.css") && $0.contains("fills itself") })
    }

    @Test func aFileCannotBeAFolderToo() {
        let problems = Fixtures.failure([Self.article("mot", aliases: ["/index.php"]), Self.article("hai", aliases: ["/index.php?id=1"])])
        #expect(problems.count == 1)
        #expect(problems.first?.description.contains("content/articles/mot.md") == true)
        #expect(problems.first?.description.contains("content/articles/hai.md's old URL \"/index.php?id=1\"") == true)
    }

    @Test func badOldURLsOfPagesAreRefused() {
        let page = SourceFile(path: "content/pages/x.md", text: "---\ntitle: X\naliases: [\"/a/../../etc/passwd\"]\n---\n")
        do {
            _ = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: [], pageFiles: [page], options: Fixtures.options)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.description.contains("content/pages/x.md") == true)
        }
    }

    @Test func oldURLsMapToFilesInsideTheSite() {
        let routes = Routes(baseURL: URL(string: "https://example.gov.vn/")!)
        #expect(routes.aliasOutputPath("/tin-tuc/1.html") == "tin-tuc/1.html")
        #expect(routes.aliasOutputPath("/tin-tuc/1/") == "tin-tuc/1/index.html")
        #expect(routes.aliasOutputPath("/tin-tuc/1") == "tin-tuc/1/index.html")
        #expect(routes.aliasOutputPath("/index.php?id=1&x=a/b") == "index.php/id=1&x=a%2Fb/index.html")
        #expect(routes.aliasOutputPath("/?p=12") == "p=12/index.html")
        #expect(routes.aliasOutputPath("/?..") == "%2E%2E/index.html")
        #expect(routes.aliasOutputPath("/tin%20cu.html") == "tin cu.html")
        let sub = Routes(baseURL: URL(string: "https://example.gov.vn/cong/")!)
        #expect(sub.aliasOutputPath("/cong/cu.html") == "cu.html")
        #expect(sub.aliasOutputPath("/cu.html") == nil, "outside the site's folder: rules only")
    }
}
