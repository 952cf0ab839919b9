import Foundation

/// The values of the documents' pages (văn bản): the list and its filtered listings, and each document's page.
extension PageContexts {
    func documents(_ filter: PageKind.DocumentFilter, positions: [Int], page number: Int,
                   pagination: Pagination) -> PageOwnValues {
        let shelf = site.documents
        let group = shelf.group(filter)
        let shown = positions[pagination.range(ofPage: number)].map { documentItem(shelf.documents[$0]) }
        func links(_ keep: (PageKind.DocumentFilter) -> Bool) -> [DocumentFilterLink] {
            shelf.groups.filter { keep($0.filter) }.map { group in
                DocumentFilterLink(name: group.name, url: routes.documents(group.filter), count: group.positions.count,
                                   isCurrent: group.filter == filter ? true : nil)
            }
        }
        var isType = false, isIssuer = false, isField = false, isYear = false
        switch filter {
        case .all: break
        case .type: isType = true
        case .issuer: isIssuer = true
        case .field: isField = true
        case .year: isYear = true
        }
        let fieldFilters = links { if case .field = $0 { true } else { false } }
        let url = routes.documents(filter, page: number)
        var values = page(url: url, title: group.map { dates.documentsFilterTitle($0.name) } ?? dates.documentsTitle,
                          description: site.config.description)
        values.documents = DocumentListValues(
            isAll: filter == .all, isType: isType ? true : nil, isIssuer: isIssuer ? true : nil,
            isField: isField ? true : nil, isYear: isYear ? true : nil, name: group?.name,
            url: routes.documents(filter), listURL: routes.documents(), feedURL: routes.documentsFeed,
            count: positions.count, items: shown, isEmpty: shown.isEmpty,
            typeFilters: links { if case .type = $0 { true } else { false } },
            issuerFilters: links { if case .issuer = $0 { true } else { false } },
            fieldFilters: fieldFilters, hasFieldFilters: !fieldFilters.isEmpty,
            yearFilters: links { if case .year = $0 { true } else { false } },
            pagination: paginationValues(pagination, current: number) { routes.documents(filter, page: $0) })
        return values
    }

    func documentItem(_ document: Document) -> DocumentItem {
        let year = dates.iso(document.issued).prefix(4)
        return DocumentItem(
            number: document.number, title: document.title, url: routes.document(document.slug), type: document.type,
            issuer: document.issuer, issuedText: dates.short(document.issued), issuedISO: dates.iso(document.issued),
            filterText: Slug.fold([document.number, document.title, document.type, document.issuer, document.field ?? "",
                                   String(year)].joined(separator: " ")),
            state: stateValues(document.state))
    }

    func stateValues(_ state: Document.State) -> DocumentStateValues {
        DocumentStateValues(key: state.rawValue, isInForce: state == .inForce ? true : nil,
                            isExpired: state == .expired ? true : nil, isNotYetInForce: state == .notYetInForce ? true : nil)
    }

    func document(_ document: Document) -> PageOwnValues {
        let url = routes.document(document.slug)
        let state = document.state
        let citing = citations.articles(citing: document.slug).map { index in
            let article = site.articles[index]
            return CitingArticle(title: article.title, url: routes.article(article.slug), dateText: dates.short(article.date),
                                 dateISO: dates.iso(article.date))
        }
        let files = document.files.map { file in
            var values = fileValues(file)
            values.preview = images.documentPage(file, alt: dates.documentTitle(type: document.type, number: document.number),
                                                 basePath: routes.basePath)
            return values
        }
        var values = page(url: url, title: dates.documentTitle(type: document.type, number: document.number),
                          description: document.title)
        values.document = DocumentValues(
            number: document.number, title: document.title, url: url, absoluteURL: routes.absolute(url),
            type: document.type, typeURL: routes.documents(.type(Slug.make(document.type))),
            issuer: document.issuer, issuerURL: routes.documents(.issuer(Slug.make(document.issuer))),
            issuedText: dates.short(document.issued), issuedISO: dates.iso(document.issued),
            effectiveText: document.effective.map(dates.short), expiredText: document.expired.map(dates.short),
            signer: document.signer, field: document.field,
            fieldURL: document.field.map { routes.documents(.field(Slug.make($0))) },
            state: stateValues(state), files: files, hasFiles: !files.isEmpty,
            noteHTML: document.noteHTML.isEmpty ? nil : document.noteHTML,
            citedBy: citing, hasCitedBy: !citing.isEmpty, listURL: routes.documents(),
            viewsKey: viewsKeys?[url],
            jsonLD: StructuredData.document(StructuredData.DocumentFacts(
                url: routes.absolute(url), number: document.number, type: document.type, title: document.title,
                issuer: document.issuer, issued: dates.iso(document.issued), effective: document.effective.map(dates.iso),
                expired: document.expired.map(dates.iso), inForce: state == .inForce, language: site.config.language,
                files: document.files.map { (routes.absolute(routes.publishedFile($0.path)), $0.type.mimeType, $0.size) }),
                publisher: publisher))
        return values
    }

    func fileValues(_ file: PublishedFile) -> DocumentFileValues {
        DocumentFileValues(name: (file.path as NSString).lastPathComponent, url: routes.publishedFile(file.path),
                           absoluteURL: routes.absolute(routes.publishedFile(file.path)),
                           typeLabel: file.type.label, sizeText: file.sizeText, isPDF: file.type == .pdf, preview: nil,
                           downloadsKey: viewsKeys?[routes.publishedFile(file.path)])
    }
}
