import ArgumentParser
import BanTinKit
import Foundation

/// The folders of a project and whether drafts count: the same options, with the same meaning, for every command.
struct ProjectOptions: ParsableArguments {
    @Option(help: "Folder with site.yml, articles/, pages/, images/.")
    var content = "content"

    @Option(help: "Folder with the Mustache templates, locale.yml and assets/.")
    var templates = "templates"

    @Option(help: "Folder the site is written to (default: public/ for build; .bantin/serve/ for serve, so a preview never changes the published site).")
    var output: String?

    @Flag(help: "Include articles marked draft: true.")
    var drafts = false

    @Option(help: "Language of messages: vi (default) or en. Without it: messages: in site.yml, then LANG/LC_ALL starting with en.")
    var lang: String?

    /// `--lang`, then `messages:` in site.yml, then the environment (`Language.resolve`); also sets the terminal's.
    @discardableResult
    func language() -> Language {
        let chosen = Language.resolve(option: lang, siteYML: URL(fileURLWithPath: content).appendingPathComponent("site.yml"),
                                      environment: ProcessInfo.processInfo.environment)
        Terminal.language = chosen
        return chosen
    }

    /// Stops with a clear message when there is no site.yml where `--content` points: the command was typed
    /// outside the portal's folder (the commonest slip in a new terminal). Nothing is written there.
    func requireSite(_ command: String) throws {
        let siteFile = URL(fileURLWithPath: content).appendingPathComponent("site.yml")
        guard !FileManager.default.fileExists(atPath: siteFile.path) else { return }
        Terminal.error(Terminal.say(Message("build.siteMissing", ["path": "\(siteFile.relativePath)", "command": "\(command)"])))
        throw ExitCode.failure
    }

    /// The build's options, writing into `output` or else `defaultOutput`.
    func build(defaultOutput: String = "public") -> Build.Options {
        var options = Build.Options(contentDirectory: URL(fileURLWithPath: content),
                                    templatesDirectory: URL(fileURLWithPath: templates),
                                    outputDirectory: URL(fileURLWithPath: output ?? defaultOutput))
        options.includeDrafts = drafts
        return options
    }
}
