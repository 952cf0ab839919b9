import Foundation

/// /sitemap.xml (every published page with its date; print views and the 404 page left out) and
/// /robots.txt pointing at it.
enum Sitemap {
    static func files(_ table: PageTable, dates: DateStyle) -> [OutputFile] {
        let routes = table.routes
        var xml = XMLText()
        xml.open("urlset", ["xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9"])
        for entry in table.entries where entry.inSitemap {
            xml.open("url")
            xml.element("loc", routes.absolute(entry.url))
            xml.element("lastmod", entry.lastModified.map(dates.iso))
            xml.close("url")
        }
        xml.close("urlset")
        let robots = """
            User-agent: *
            Disallow:

            Sitemap: \(routes.absolute(routes.sitemap))

            """
        return [OutputFile(path: routes.outputPath(for: routes.sitemap), text: xml.text),
                OutputFile(path: routes.outputPath(for: routes.robots), text: robots)]
    }
}
