/// A fingerprint per template covering its own text and every partial or parent it reaches, so editing
/// `print.mustache` re-renders print views only, while editing `shared/sidebar` re-renders every page
/// whose layout includes it.
enum TemplateFingerprints {
    static func compute(_ sources: [String: SourceFile]) -> [String: UInt64] {
        let references = sources.mapValues { TemplateSet.partialReferences(in: $0.text).map(\.name) }
        var result: [String: UInt64] = [:]
        for name in sources.keys {
            var reached: Set<String> = [name]
            var pending = [name]
            while let next = pending.popLast() {
                for reference in references[next] ?? [] where reached.insert(reference).inserted {
                    pending.append(reference)
                }
            }
            var hash = ContentHash()
            for reachedName in reached.sorted() {
                hash.combine(reachedName)
                hash.combine(sources[reachedName]?.text ?? "")
            }
            result[name] = hash.finalized
        }
        return result
    }
}
