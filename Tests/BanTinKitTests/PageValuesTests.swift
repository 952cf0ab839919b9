import Foundation
import Testing
@testable import BanTinKit

/// A build holds no page's values from planning to writing: each page's values are made when the page is
/// fingerprinted or written, and dropped after; the fingerprints are those the values would have had.
@Suite struct PageValuesTests {
    static func plan() throws -> (SitePlan, PageTable) {
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: ArchitectureTests.articles,
                                           pageFiles: [ArchitectureTests.page], options: Fixtures.options)
        let rendered = ArticleBodies.render(site)
        let table = PageTable(site: rendered)
        let plan = SiteRenderer(site: rendered, table: table, templates: try TemplateSet(sources: Fixtures.templates),
                                dates: Fixtures.dates, related: RelatedLists.compute(rendered)).plan()
        return (plan, table)
    }

    static func values(of plan: SitePlan) -> PageValues? {
        for file in plan.files { if case .deferred(_, _, let values) = file.content { return values } }
        return nil
    }

    @Test func thePlanHoldsNoPageValues() throws {
        let (plan, table) = try Self.plan()
        #expect(plan.files.count == Array(table.pages).count)
        for file in plan.files {
            guard case .deferred = file.content else {
                Issue.record("\(file.path) is planned with its values made")
                continue
            }
        }
    }

    @Test func aFullBuildMakesEachPagesValuesWhileWritingAndLearnsTheSameFingerprints() throws {
        let (plan, _) = try Self.plan()
        let values = try #require(Self.values(of: plan))
        let planner = OutputPlanner(templates: plan.templates, templateFingerprints: ["article": 7], previous: nil)
        var update = planner.update(planned: plan.files, copies: [])
        #expect(update.writes.count == plan.files.count)
        // Nothing made yet: every fingerprint is learnt by the writer.
        #expect(update.manifest.entries.values.allSatisfy { $0.fingerprint == 0 })
        var rendered: [String: String] = [:]
        for (path, source) in update.writes {
            guard case .produced(let producer) = source else { Issue.record("\(path) not made by the writer"); continue }
            rendered[path] = String(decoding: producer.make(), as: UTF8.self)
        }
        // An article's values, made for its page, were dropped once its print view took them too.
        #expect(values.heldPairs == 0)
        update.manifest = update.completedManifest
        for file in plan.files {
            #expect(update.manifest.entries[file.path]?.fingerprint
                    == OutputPlanner.fingerprint(file, templateFingerprints: ["article": 7]), "\(file.path)")
            #expect(rendered[file.path] == file.render(with: plan.templates).text, "\(file.path)")
        }
        #expect(rendered["tin/hoi-nghi-can-bo/index.html"]?.contains("Hội nghị cán bộ") == true)
    }

    @Test func anIncrementalPlanRendersOnlyThePagesWhoseValuesChanged() throws {
        let (plan, _) = try Self.plan()
        let full = OutputPlanner(templates: plan.templates, templateFingerprints: [:], previous: nil)
            .update(planned: plan.files, copies: [])
        for (_, source) in full.writes { if case .produced(let producer) = source { _ = producer.make() } }
        let made = full.completedManifest
        var previous = made
        previous.entries["tin/viec-lam/index.html"]?.fingerprint = 1
        let update = OutputPlanner(templates: plan.templates, templateFingerprints: [:], previous: previous)
            .update(planned: plan.files, copies: [])
        #expect(update.learnt == nil)
        #expect(update.writes.map(\.path) == ["tin/viec-lam/index.html"])
        #expect(update.manifest == made)
        guard case .produced(let producer) = update.writes.first?.source else { Issue.record("not rendered"); return }
        #expect(String(decoding: producer.make(), as: UTF8.self).contains("Việc làm"))
    }
}
