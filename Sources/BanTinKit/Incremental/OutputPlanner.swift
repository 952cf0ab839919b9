import Dispatch
import Foundation

/// Decides what a build must write: fingerprints every planned page and copied file, compares them with the
/// output's manifest, and renders only the pages whose fingerprint changed (when the writer writes them).
/// Without a manifest every page is rendered and every file written.
struct OutputPlanner {
    var templates: TemplateSet
    var templateFingerprints: [String: UInt64]
    /// What the output holds now; nil to write everything.
    var previous: OutputManifest?
    /// The output folder, where files with a `figuresFingerprint` are compared byte for byte.
    var output: URL?

    /// A file copied as it is into the site (assets, images).
    struct Copy: Sendable {
        var source: URL
        var sourceName: String
        var path: String
        /// Known without reading the file (a resized photo's name carries its hash).
        var fingerprint: UInt64? = nil
        /// Hard-linked rather than copied (files of the image cache, which nobody edits).
        var linked = false
    }

    func update(planned: [PlannedFile], copies: [Copy]) -> OutputUpdate {
        var manifest = OutputManifest()
        var writes: [(path: String, source: OutputUpdate.Source)] = []
        var toRender: [(file: PlannedFile, made: TemplateFields?)] = []
        // Without a manifest every page is written: its values are made, fingerprinted and rendered by the writer,
        // once, and dropped. With one, every page is fingerprinted here, and only the values of pages that
        // changed are kept for the writer.
        let learnt = previous == nil ? LearntFingerprints() : nil
        let fingerprinted = fingerprints(planned, deferringPages: learnt != nil)
        for (index, fingerprint) in fingerprinted.enumerated() {
            let path = planned[index].path
            if let fixed = planned[index].figuresFingerprint, case .bytes(let data) = planned[index].content {
                manifest.entries[path] = .init(fingerprint: fixed)
                if previous == nil || !Self.output(output, holds: data, at: path) { writes.append((path, .bytes(data))) }
                continue
            }
            // A deferred page's fingerprint, when not known yet, is learnt as the writer makes it.
            manifest.entries[path] = .init(fingerprint: fingerprint.value ?? 0)
            if let value = fingerprint.value, isUnchanged(path, value) { continue }
            toRender.append((planned[index], fingerprint.made))
        }

        for copy in copies {
            let signature = FileSignature(path: copy.source.path)
            let known = previous?.entries[copy.path]
            let fingerprint: UInt64
            if let known = copy.fingerprint {
                fingerprint = known
            } else if let known, let signature, known.source == copy.sourceName, known.signature == signature {
                fingerprint = known.fingerprint
            } else {
                fingerprint = (try? Data(contentsOf: copy.source)).map(ContentHash.of) ?? 0
            }
            manifest.entries[copy.path] = .init(fingerprint: fingerprint, source: copy.sourceName, signature: signature)
            if !isUnchanged(copy.path, fingerprint) { writes.append((copy.path, copy.linked ? .link(copy.source) : .copy(copy.source))) }
        }

        writes += render(toRender, learnt: learnt)
        let removals = (previous?.entries.keys).map { Set($0).subtracting(manifest.entries.keys).sorted() } ?? []
        var update = OutputUpdate(manifest: manifest, writes: writes, removals: removals, isIncremental: previous != nil)
        update.learnt = learnt
        return update
    }

    /// Whether the output's file at `path` has these bytes (a counter file: under 200 KB at 10,000 articles).
    static func output(_ output: URL?, holds data: Data, at path: String) -> Bool {
        guard let output, let held = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else { return false }
        return held == data
    }

    /// The output holds this file, made from the same inputs, as the last build wrote it.
    private func isUnchanged(_ path: String, _ fingerprint: UInt64) -> Bool {
        guard let known = previous?.entries[path] else { return false }
        return known.isIntact && known.fingerprint == fingerprint
    }

    /// One fingerprint per planned file, on every core: each core takes a contiguous share (an article's page
    /// and its print view share their values). A deferred page's values are made to be
    /// hashed, and kept only when the page changed (the writer renders it from them); with `deferringPages`
    /// they are not made here at all (nil fingerprint).
    private func fingerprints(_ planned: [PlannedFile], deferringPages: Bool) -> [(value: UInt64?, made: TemplateFields?)] {
        var results = [(value: UInt64?, made: TemplateFields?)](repeating: (nil, nil), count: planned.count)
        let shares = max(1, min(ProcessInfo.processInfo.activeProcessorCount, planned.count / 256))
        nonisolated(unsafe) let inputs = planned
        let planner = self
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: shares) { share in
                for index in (inputs.count * share / shares)..<(inputs.count * (share + 1) / shares) {
                    let file = inputs[index]
                    guard case .deferred(let template, let kind, let values) = file.content else {
                        slots[index] = (Self.fingerprint(file, templateFingerprints: planner.templateFingerprints), nil)
                        continue
                    }
                    guard !deferringPages else { continue }
                    let page = values.values(kind)
                    let fingerprint = planner.fingerprint(template, page, values)
                    slots[index] = (fingerprint, planner.isUnchanged(file.path, fingerprint) ? nil : page)
                }
            }
        }
        return results
    }

    /// What a planned file's fingerprint is made of: its template and what that template sees, or its bytes.
    static func fingerprint(_ file: PlannedFile, templateFingerprints: [String: UInt64]) -> UInt64 {
        switch file.content {
        case .page(let template, let values):
            return combined(template, templateFingerprints, context: values.fingerprint, site: file.siteValues.fingerprint)
        case .deferred(let template, let kind, let values):
            return combined(template, templateFingerprints, context: values.values(kind).fingerprint, site: values.site.fingerprint)
        case .bytes(let data):
            return ContentHash.of(data)
        }
    }

    /// A deferred page's fingerprint (its site values are those of `values`' contexts).
    private func fingerprint(_ template: String, _ page: TemplateFields, _ values: PageValues) -> UInt64 {
        Self.combined(template, templateFingerprints, context: page.fingerprint, site: values.site.fingerprint)
    }

    private static func combined(_ template: String, _ templateFingerprints: [String: UInt64], context: UInt64, site: UInt64) -> UInt64 {
        var hash = ContentHash()
        hash.combine(template)
        hash.combine(templateFingerprints[template] ?? 0)
        hash.combine(context)
        hash.combine(site)
        return hash.finalized
    }

    /// Pages are rendered when the writer gets to them, on its threads, so no build holds every page at once;
    /// a page whose values were not made yet has them made there, and its fingerprint learnt.
    private func render(_ files: [(file: PlannedFile, made: TemplateFields?)],
                        learnt: LearntFingerprints?) -> [(path: String, source: OutputUpdate.Source)] {
        let templates = self.templates
        let planner = self
        return files.map { file, made in
            nonisolated(unsafe) let file = file, made = made
            if let made, case .deferred(let template, _, _) = file.content {
                return (file.path, .produced(OutputUpdate.Producer {
                    Data(templates.render(template, own: made, site: file.siteValues).utf8)
                }))
            }
            if let learnt, case .deferred(let template, let kind, let values) = file.content {
                return (file.path, .produced(OutputUpdate.Producer {
                    let page = values.values(kind)
                    learnt.learn(planner.fingerprint(template, page, values), for: file.path)
                    return Data(templates.render(template, own: page, site: file.siteValues).utf8)
                }))
            }
            return (file.path, .produced(OutputUpdate.Producer { file.render(with: templates).contents }))
        }
    }
}

extension OutputPlanner.Copy {
    /// Every file below `folder`, to be copied under `destination` ("assets", "images"). Hidden files and
    /// symbolic links leading out of the folder are left out.
    static func all(in folder: URL, to destination: String, displayRoot: URL) -> [OutputPlanner.Copy] {
        let reader = ContentLoader(contentDirectory: folder, displayRoot: displayRoot)
        var ignored: [Diagnostic] = []
        let root = folder.standardizedFileURL.path + "/"
        return FileTree.files(under: folder, inside: folder, diagnostics: &ignored, display: reader.display).map { url in
            // Published under the NFC spelling, the one editors' links use (a name copied from macOS is NFD).
            let relative = String(url.standardizedFileURL.path.dropFirst(root.count)).precomposedStringWithCanonicalMapping
            return OutputPlanner.Copy(source: url, sourceName: reader.display(url), path: destination + "/" + relative)
        }
    }
}
