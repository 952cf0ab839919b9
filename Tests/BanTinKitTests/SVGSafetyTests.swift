import Foundation
import Testing
@testable import BanTinKit

/// An SVG opened at its own address runs as a page of the site: one with a script, an event attribute, a
/// `javascript:` link, a reference outside itself or entity declarations is refused by `build` and `check`
/// (the file and line named), and nginx sends SVGs with a policy that forbids scripts.
@Suite struct SVGSafetyTests {
    static func svg(_ body: String, prologue: String = "") -> Data {
        Data((prologue + #"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">"#
              + "\n" + body + "\n</svg>\n").utf8)
    }

    @Test(arguments: [
        ("<script>alert(document.cookie)</script>", "svg.script"),
        ("<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script>", "svg.script"),
        ("<g><rect width=\"1\" height=\"1\" onclick=\"alert(1)\"/></g>", "svg.event"),
        ("<rect width=\"1\" height=\"1\" ONMOUSEOVER=\"alert(1)\"/>", "svg.event"),
        ("<a href=\"javascript:alert(1)\"><text>x</text></a>", "svg.javascript"),
        ("<a xlink:href=\"&#106;ava&#x73;cript&#58;alert(1)\"><text>x</text></a>", "svg.javascript"),
        ("<a href=\"java&#9;script:alert(1)\"><text>x</text></a>", "svg.javascript"),
        ("<a href=\" JAVASCRIPT:alert(1)\"><text>x</text></a>", "svg.javascript"),
        ("<image href=\"https://tracker.example/p.png\" width=\"1\" height=\"1\"/>", "svg.outside"),
        ("<image xlink:href=\"//tracker.example/p.png\" width=\"1\" height=\"1\"/>", "svg.outside"),
        ("<use href=\"other.svg#a\"/>", "svg.outside"),
        ("<image href=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\" width=\"1\" height=\"1\"/>", "svg.outside"),
        ("<foreignObject width=\"10\" height=\"10\"><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>", "svg.embedded"),
        ("<a id=\"l\"><text>x</text></a><set href=\"#l\" attributeName=\"href\" to=\"https://evil.example/\"/>", "svg.outside"),
        ("<style>@import url(https://evil.example/a.css);</style>", "svg.outside"),
        ("<style><![CDATA[ rect { fill: url( 'https://evil.example/x' ) } ]]></style>", "svg.outside"),
        ("<rect width=\"1\" height=\"1\" style=\"fill:url(http://evil.example/#x)\"/>", "svg.outside"),
        ("<rect width=\"1\" height=\"1\" fill=\"url(https://evil.example/g.svg#g)\"/>", "svg.outside"),
    ])
    func aDrawingThatCanRunOrFetchIsRefused(_ body: String, _ key: String) {
        let findings = SVGSafety.findings(Self.svg(body))
        #expect(findings.map(\.key).contains(key), "\(findings)")
        #expect(findings.allSatisfy { $0.line >= 1 })
    }

    @Test(arguments: [
        #"<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>"#,
        #"<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#,
        #"<?xml-stylesheet type="text/css" href="https://evil.example/a.css"?>"#,
    ])
    func entitiesAndOutsideStyleSheetsAreRefused(_ prologue: String) {
        let findings = SVGSafety.findings(Self.svg("<text>&#120;</text>", prologue: prologue))
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { ["svg.entities", "svg.outside"].contains($0.key) }, "\(findings)")
    }

    @Test func anOrdinaryDrawingIsPublished() {
        let drawing = Self.svg("""
            <defs><linearGradient id="g"><stop offset="0" stop-color="#c8102e"/></linearGradient>
            <path id="star" d="M5 0l1 3h3l-2 2 1 3-3-2-3 2 1-3-2-2h3z"/></defs>
            <style>.a { fill: url(#g); font-family: "Be Vietnam Pro" }</style>
            <use href="#star" class="a"/><use xlink:href="#star" x="1"/>
            <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
            <a href="#star"><text>Sở Lao động</text></a>
            """)
        #expect(SVGSafety.findings(drawing) == [])
    }

    @Test func buildAndCheckRefuseItNamingTheFileAndLineWhetherOrNotItIsUsedAndWhateverItsName() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write(String(decoding: Self.svg("<g>\n<rect onload=\"alert(1)\"/></g>"), as: UTF8.self), to: "content/images/logo.svg")
        try project.write("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", to: "content/images/note.txt")
        try project.write(String(decoding: Self.svg("<circle r=\"4\"/>"), as: UTF8.self), to: "content/images/ok.svg")
        try project.write(Fixtures.article("b", title: "Tin có hình", extra: "image: /images/logo.svg").text, to: "content/articles/b.md")
        let errors = project.failure()
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/images/logo.svg:3: error: this SVG is not published: it has an event attribute (onload)") },
                "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/images/note.txt:1: error: this SVG is not published: it has a script") })
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        let checked = SVGSafety.problems(inImages: project.content.appendingPathComponent("images"), displayRoot: project.folder)
        #expect(checked.map(\.description).sorted() == errors.sorted())
        #expect(checked.first?.text.rendered(in: .vi).contains("không được đăng") == true)

        try FileManager.default.removeItem(at: project.content.appendingPathComponent("images/logo.svg"))
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("images/note.txt"))
        try project.write(Fixtures.article("b", title: "Tin có hình", extra: "image: /images/ok.svg").text, to: "content/articles/b.md")
        #expect(project.failure() == [])
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("images/ok.svg").path))
    }

    @Test func nginxSendsDrawingsWithAPolicyThatForbidsScripts() {
        let nginx = DeployConfig(serverName: "_", projectDirectory: "/srv/bantin", siteRoot: "/srv/bantin/public",
                                 accessLog: "/var/log/nginx/access.log").nginx()
        #expect(nginx.contains(#"location ~* "\.svgz?$" {"#
            + "\n        add_header Content-Security-Policy \"default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox\" always;"))
        #expect(nginx.contains("add_header X-Content-Type-Options nosniff always;"))
    }
}
