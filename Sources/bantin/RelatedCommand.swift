import ArgumentParser
import BanTinKit
import Foundation

struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: Terminal.bilingual("help.related"),
        discussion: """
            Prints the list the article page shows ("Các tin liên quan"), then the next candidates that were \
            passed over, with each score broken down by signal (weights and min_score from site.yml, related:).
            """)

    @Argument(help: "The article's slug (as in /tin/<slug>/).")
    var slug: String

    @OptionGroup var project: ProjectOptions

    @Option(help: "How many passed-over candidates to show.")
    var passedOver = 5

    func run() throws {
        project.language()
        let options = project.build()
        let site: Site
        do {
            let (loaded, warnings) = try Build.site(options)
            Terminal.print(warnings)
            site = loaded
        } catch let error as BuildFailure {
            Terminal.print(error.diagnostics)
            throw ExitCode.failure
        }
        guard let explanation = RelatedNews.explain(site, slug: slug, passedOver: passedOver) else {
            let wanted = Slug.make(slug)
            let hint = site.article(wanted) != nil ? "; did you mean \(wanted)?" : ""
            Terminal.error("no published article has the slug \"\(slug)\"\(hint)")
            throw ExitCode.failure
        }
        let article = site.article(slug)!
        print("\(article.title)\n\(Routes(baseURL: site.config.baseURL).article(article.slug))\n")
        print(RelatedTable.render(explanation.chosen, rankFrom: 1, timeZone: site.config.timeZone))
        if explanation.chosen.isEmpty { print("(no article scores at least min_score \(explanation.settings.minScore))") }
        let others = explanation.passedOver.prefix(passedOver)
        if !others.isEmpty {
            print("\nPassed over (below min_score \(explanation.settings.minScore) without the date, or beyond count \(explanation.settings.count)):")
            print(RelatedTable.render(Array(others), rankFrom: explanation.chosen.count + 1,
                                    timeZone: site.config.timeZone))
        }
        let weights = explanation.settings.weights
        print("\nweights: category \(weights.category), parent \(weights.parent), tags \(weights.tags), "
              + "text \(weights.text), date \(weights.date) (half-life \(explanation.settings.dateHalfLifeDays) days)")
    }
}
