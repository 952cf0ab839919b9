/// Old URLs may neither be claimed twice nor take the place of a page the site publishes; each problem
/// names both files. Runs at the end of the model stage, so a bad alias stops the build before anything is written.
enum AliasCheck {
    static func problems(in table: PageTable, site: Site, sources: [ArticleSource] = []) -> [Diagnostic] {
        let routes = table.routes
        let oldURLs = table.entries.compactMap { entry -> OldURL? in
            if case .redirect(let old) = entry.kind { return old } else { return nil }
        }
        guard !oldURLs.isEmpty else { return [] }
        var lines = Dictionary(sources.map { ($0.path, $0.lines["aliases"] ?? nil) }, uniquingKeysWith: { first, _ in first })
        for page in site.pages where lines[page.sourcePath] == nil { lines[page.sourcePath] = page.aliasesLine }
        var pageOwners: [String: String] = [:]
        var filledFolders: [String] = []
        for entry in table.entries {
            if case .redirect = entry.kind { continue }
            if entry.isFolder {
                filledFolders.append(String(routes.outputPath(for: entry.url).dropLast("index.html".count)))
            } else if let path = entry.outputPath {
                pageOwners[path] = entry.owner
            }
        }

        var diagnostics: [Diagnostic] = []
        var claimed: [String: OldURL] = [:]
        var order: [String] = []
        for old in oldURLs {
            func report(_ key: String, _ arguments: [String: Message.Argument] = [:]) {
                diagnostics.append(.error(old.owner, line: lines[old.owner] ?? nil,
                                          Message("alias.problem", ["alias": "\(old.alias)", "problem": .message(Message(key, arguments))])))
            }
            if old.alias.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                report("alias.control"); continue
            }
            if old.alias.contains("#") {
                report("alias.hash"); continue
            }
            // Two spellings of one address ("/a/" and "/a/index.html") land on the same file.
            let key = routes.aliasOutputPath(old.alias) ?? old.alias
            if key.split(separator: "/").contains(where: { $0.hasPrefix(".bantin") }) {
                report("alias.reserved"); continue
            }
            if let other = claimed[key] {
                report(other.alias == old.alias ? "alias.claimed" : "alias.claimedAs", ["owner": "\(other.owner)", "as": "\(other.alias)"]); continue
            }
            if let owner = pageOwners[key] {
                report("alias.isPage", ["owner": "\(owner)"]); continue
            }
            // "/_redirects" is written as "_redirects/index.html": a folder where the build writes a file.
            if let file = folders(of: key).first(where: { pageOwners[$0] != nil }), let owner = pageOwners[file] {
                report("alias.folderIsPage", ["folder": "\(file)", "owner": "\(owner)"]); continue
            }
            if let folder = filledFolders.first(where: { key.hasPrefix($0) }) {
                report("alias.builtFolder", ["folder": "\(folder)"]); continue
            }
            claimed[key] = old
            order.append(key)
        }
        // A file and a folder cannot share a name ("index.php" and "index.php/id=1/index.html"): for each old URL's
        // file, the first path (pages, then old URLs) lying inside a folder of that name.
        var fileInside: [String: String] = [:]
        for path in Array(pageOwners.keys) + order {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                let name = String(folder)
                if claimed[name] != nil, fileInside[name] == nil { fileInside[name] = path }
            }
        }
        for key in order {
            guard let old = claimed[key], let inside = fileInside[key] else { continue }
            let other = claimed[inside].map { Message("alias.ownersOldURL", ["owner": "\($0.owner)", "alias": "\($0.alias)"]) }
                ?? .verbatim(pageOwners[inside] ?? inside)
            diagnostics.append(.error(old.owner, line: lines[old.owner] ?? nil, Message("alias.problem", [
                "alias": "\(old.alias)", "problem": .message(Message("alias.fileIsFolder", ["file": "\(key)", "other": .message(other)]))])))
        }
        return diagnostics
    }

    /// "a", "a/b" for "a/b/index.html".
    private static func folders(of path: String) -> [String] {
        var result: [String] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            result.append(String(path[..<slash]))
            index = path.index(after: slash)
        }
        return result
    }
}
