/// schema.org JSON-LD for an article's page: the `NewsArticle` and its `BreadcrumbList`, in one `@graph`.
/// Written key by key in a fixed order (pages stay byte for byte the same from build to build); strings go
/// through `JSONText.string`, which also escapes `<`, so the text cannot close the `<script>` it sits in.
enum StructuredData {
    struct Organization {
        let name: String
        let url: String
        /// A raster logo (search engines ignore SVG logos), with its square size in pixels; nil when the site's
        /// logo could not be drawn.
        let logo: String?
        let logoSize: Int
        let contact: SiteConfig.Contact?
        /// Its JSON-LD, in full and as a reference: written once, not for every article that names it (a fifth of
        /// each article's structured data).
        fileprivate var json = "", referenceJSON = ""

        init(name: String, url: String, logo: String?, logoSize: Int, contact: SiteConfig.Contact?) {
            self.name = name
            self.url = url
            self.logo = logo
            self.logoSize = logoSize
            self.contact = contact
            json = StructuredData.organizationJSON(self)
            referenceJSON = StructuredData.referenceJSON(self)
        }
    }

    struct ArticleFacts {
        var url: String
        var headline: String
        var description: String
        var published: String
        var language: String
        var section: String?
        var keywords: [String]
        /// Nil when the article has no picture and the site's share picture could not be drawn.
        var image: String?
        var author: String?
        /// Root → the article's own category, as (name, absolute URL).
        var trail: [(name: String, url: String)]
    }

    static func article(_ facts: ArticleFacts, publisher: Organization) -> String {
        var article = Object()
        article.add("@type", string: "NewsArticle")
        article.add("@id", string: facts.url + "#bai-viet")
        article.add("mainEntityOfPage", string: facts.url)
        article.add("url", string: facts.url)
        article.add("headline", string: facts.headline)
        if !facts.description.isEmpty { article.add("description", string: facts.description) }
        article.add("datePublished", string: facts.published)
        // No article records a later change: modified is published, as Google asks for both.
        article.add("dateModified", string: facts.published)
        article.add("inLanguage", string: facts.language)
        if let section = facts.section { article.add("articleSection", string: section) }
        if !facts.keywords.isEmpty { article.add("keywords", raw: JSONText.array(facts.keywords.map(JSONText.string))) }
        if let image = facts.image { article.add("image", raw: JSONText.array([JSONText.string(image)])) }
        if let author = facts.author {
            var person = Object()
            person.add("@type", string: "Person")
            person.add("name", string: author)
            article.add("author", raw: person.text)
        } else {
            article.add("author", raw: reference(publisher))
        }
        article.add("publisher", raw: organization(publisher))

        var crumbs: [String] = []
        for (position, crumb) in (facts.trail + [(name: facts.headline, url: facts.url)]).enumerated() {
            var item = Object()
            item.add("@type", string: "ListItem")
            item.add("position", raw: String(position + 1))
            item.add("name", string: crumb.name)
            item.add("item", string: crumb.url)
            crumbs.append(item.text)
        }
        var breadcrumb = Object()
        breadcrumb.add("@type", string: "BreadcrumbList")
        breadcrumb.add("itemListElement", raw: JSONText.array(crumbs))

        var graph = Object()
        graph.add("@context", string: "https://schema.org")
        graph.add("@graph", raw: JSONText.array([article.text, breadcrumb.text]))
        return graph.text
    }

    struct DocumentFacts {
        var url: String
        var number: String
        var type: String
        var title: String
        var issuer: String
        var issued: String
        var effective: String?
        var expired: String?
        var inForce: Bool
        var language: String
        /// Absolute URL, media type and size in bytes of each file.
        var files: [(url: String, type: String, size: Int)]
    }

    /// A document as schema.org `Legislation` and `DigitalDocument` at once: `Legislation` ("a legal document such as
    /// an act, decree, bill, etc., enforceable or not") has the very fields Nghị định 42/2022 asks a portal to
    /// publish (number, type, issuer, dates, whether in force), which `DigitalDocument` alone has no words for;
    /// `DigitalDocument` says it is a file to download, each file an `encoding` with its type and size.
    static func document(_ facts: DocumentFacts, publisher: Organization) -> String {
        var document = Object()
        document.add("@type", raw: JSONText.array([JSONText.string("Legislation"), JSONText.string("DigitalDocument")]))
        document.add("@id", string: facts.url + "#van-ban")
        document.add("url", string: facts.url)
        document.add("name", string: facts.type + " " + facts.number)
        document.add("headline", string: facts.title)
        document.add("legislationIdentifier", string: facts.number)
        document.add("legislationType", string: facts.type)
        document.add("legislationDate", string: String(facts.issued.prefix(10)))
        document.add("datePublished", string: facts.issued)
        if let effective = facts.effective { document.add("legislationDateOfApplicability", string: String(effective.prefix(10))) }
        if let expired = facts.expired { document.add("expires", string: String(expired.prefix(10))) }
        document.add("legislationLegalForce", string: facts.inForce ? "https://schema.org/InForce" : "https://schema.org/NotInForce")
        var issuer = Object()
        issuer.add("@type", string: "GovernmentOrganization")
        issuer.add("name", string: facts.issuer)
        document.add("legislationPassedBy", raw: issuer.text)
        document.add("inLanguage", string: facts.language)
        if !facts.files.isEmpty {
            document.add("encoding", raw: JSONText.array(facts.files.map { file in
                var media = Object()
                media.add("@type", string: "MediaObject")
                media.add("contentUrl", string: file.url)
                media.add("encodingFormat", string: file.type)
                media.add("contentSize", string: "\(file.size) B")
                return media.text
            }))
        }
        document.add("publisher", raw: reference(publisher))
        var graph = Object()
        graph.add("@context", string: "https://schema.org")
        graph.add("@graph", raw: JSONText.array([document.text, organization(publisher)]))
        return graph.text
    }

    /// The department: a government organisation with its logo and, when site.yml gives them, its contacts.
    static func organization(_ publisher: Organization) -> String { publisher.json }

    private static func reference(_ publisher: Organization) -> String { publisher.referenceJSON }

    fileprivate static func organizationJSON(_ publisher: Organization) -> String {
        var organization = Object()
        organization.add("@type", string: "GovernmentOrganization")
        organization.add("@id", string: publisher.url + "#don-vi")
        organization.add("name", string: publisher.name)
        organization.add("url", string: publisher.url)
        if let url = publisher.logo {
            var logo = Object()
            logo.add("@type", string: "ImageObject")
            logo.add("url", string: url)
            logo.add("width", raw: String(publisher.logoSize))
            logo.add("height", raw: String(publisher.logoSize))
            organization.add("logo", raw: logo.text)
        }
        if let contact = publisher.contact {
            if let address = contact.address { organization.add("address", string: address) }
            if let phone = contact.phone { organization.add("telephone", string: phone) }
            if let fax = contact.fax { organization.add("faxNumber", string: fax) }
            if let email = contact.email { organization.add("email", string: email) }
        }
        return organization.text
    }

    fileprivate static func referenceJSON(_ publisher: Organization) -> String {
        var reference = Object()
        reference.add("@type", string: "GovernmentOrganization")
        reference.add("@id", string: publisher.url + "#don-vi")
        reference.add("name", string: publisher.name)
        return reference.text
    }

    /// A JSON object written in the order its members are added.
    private struct Object {
        private var members: [String] = []
        mutating func add(_ key: String, string value: String) { add(key, raw: JSONText.string(value)) }
        mutating func add(_ key: String, raw value: String) { members.append(JSONText.string(key) + ":" + value) }
        var text: String { "{" + members.joined(separator: ",") + "}" }
    }
}
