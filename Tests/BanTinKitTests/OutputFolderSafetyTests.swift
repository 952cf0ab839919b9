import Foundation
import Testing
@testable import BanTinKit

/// A build replaces its output whole: an output that is, holds or lies inside what the build reads or keeps,
/// or a folder of someone else's files, is refused with an error, and nothing in it is touched.
@Suite(.serialized) struct OutputFolderSafetyTests {
    typealias Project = TestProject

    /// Every file under `folder` with its bytes, to compare before and after a refused build.
    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
        for case let name as String in walker {
            let path = root + name
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    /// Builds `project` into `output`; the errors, in English.
    func refusal(_ project: Project, output: URL, counter: Bool = false) -> [String] {
        var options = project.options
        options.outputDirectory = output
        do {
            try Build.run(options)
            return []
        } catch let failure as BuildFailure {
            return failure.errors.map { $0.text.rendered(in: .en) }
        } catch {
            return ["\(error)"]
        }
    }

    func project() throws -> Project {
        let project = try Project(siteYAML: Fixtures.siteYAML + "\ncounter:\n  logs: [\"logs/access.log*\"]\n")
        try project.write("192.0.2.1 - - [24/Nov/2026:10:00:00 +0700] \"GET / HTTP/1.1\" 200 10 \"-\" \"Mozilla/5.0\"\n",
                          to: "logs/access.log")
        try project.write("ảnh", to: "content/images/anh.txt")
        try project.write("mẫu riêng", to: "templates-local/note.txt")
        try project.write("{}", to: ".bantin/images/index")
        return project
    }

    @Test(arguments: ["content", "content/articles", "content/images", "content/public", ".", "logs", ".bantin",
                      ".bantin/images", ".bantin/images/x", "templates-local", "public/../content", "content/./images/"])
    func anOutputThatIsHoldsOrLiesInAnInputIsRefusedAndNothingIsLost(_ relative: String) throws {
        let project = try project()
        defer { project.remove() }
        var options = project.options
        options.templatesDirectory = project.folder.appendingPathComponent("templates-local")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                         to: project.folder.appendingPathComponent("templates-local/theme"))
        let before = snapshot(project.folder)
        options.outputDirectory = URL(fileURLWithPath: project.folder.path + "/" + relative)
        var errors: [String] = []
        do { try Build.run(options) } catch let failure as BuildFailure { errors = failure.errors.map { $0.text.rendered(in: .en) } }
        #expect(!errors.isEmpty, "\(relative) was accepted as the output")
        #expect(errors.allSatisfy { $0.contains("choose another --output") }, "\(errors)")
        #expect(snapshot(project.folder) == before)
    }

    @Test func theMessagesNameTheInputInTheEditorsLanguage() throws {
        let project = try project()
        defer { project.remove() }
        var options = project.options
        options.outputDirectory = project.content
        let problems = OutputFolderSafety.problems(options)
        #expect(problems.count == 1)
        #expect(problems.first?.file == project.content.path)
        #expect(problems.first?.text.rendered(in: .vi).hasPrefix("thư mục kết quả là content/ (") == true)
        options.outputDirectory = project.folder
        let holding = OutputFolderSafety.problems(options).map { $0.text.rendered(in: .vi) }
        #expect(holding.first?.hasPrefix("thư mục kết quả chứa content/ (") == true, "\(holding)")
    }

    @Test func aLinkToAnInputIsTheInput() throws {
        let project = try project()
        defer { project.remove() }
        let link = project.folder.appendingPathComponent("site-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: project.content)
        let before = snapshot(project.content)
        #expect(!refusal(project, output: link).isEmpty)
        // A new folder under a link into the content lies in the content too.
        #expect(!refusal(project, output: link.appendingPathComponent("public")).isEmpty)
        #expect(snapshot(project.content) == before)
    }

    @Test(arguments: [["nginx/access.log"], ["notes.txt", "ảnh/đám cưới.jpg"], [".hidden"]])
    func aFolderOfOtherFilesIsRefusedWhileAnEmptyOrBantinsFolderIsUsed(_ files: [String]) throws {
        let project = try project()
        defer { project.remove() }
        let output = project.folder.appendingPathComponent("www")
        for file in files { try project.write("của người vận hành", to: "www/" + file) }
        let before = snapshot(output)
        let errors = refusal(project, output: output)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("bantin did not make") == true, "\(errors)")
        #expect(snapshot(output) == before)

        let empty = project.folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(refusal(project, output: empty) == [])
        #expect(refusal(project, output: empty) == [], "a folder bantin made (with its manifest) is rebuilt")
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("index.html").path))
    }

    @Test func aFileAsTheOutputIsRefused() throws {
        let project = try project()
        defer { project.remove() }
        try project.write("ghi chú", to: "public")
        #expect(refusal(project, output: project.output).first?.contains("is a file, not a folder") == true)
        #expect(try String(contentsOf: project.output, encoding: .utf8) == "ghi chú")
    }

    @Test(arguments: [("state: public/data/visits.json", "logs: [\"logs/access.log*\"]"),
                      ("state: content/data/visits.json", "logs: [\"public/logs/*.log\"]"),
                      ("state: content/data/visits.json", "logs: [\"public/access.log\"]")])
    func counterFilesInsideTheOutputAreRefused(_ state: String, _ logs: String) throws {
        // public/ is bantin's; the operator's log or state put inside it would go at the next build.
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options)
        try (Fixtures.siteYAML + "\ncounter:\n  \(logs)\n  \(state)\n").writeReplacing(project.content.appendingPathComponent("site.yml"))
        let line = "192.0.2.1 - - [24/Nov/2026:10:00:00 +0700] \"GET / HTTP/1.1\" 200 10 \"-\" \"M\"\n"
        for path in ["public/logs/a.log", "public/access.log", "logs/access.log"] { try project.write(line, to: path) }
        try project.write("{}", to: "public/data/visits.json")
        let before = snapshot(project.output)
        let errors = refusal(project, output: project.output)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains("the output folder holds") == true, "\(errors)")
        #expect(snapshot(project.output) == before)
    }

    @Test func checkReportsTheOutputABuildWouldRefuse() throws {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let project = try project()
        defer { project.remove() }
        let templates = Fixtures.repositoryRoot.appendingPathComponent("templates").path
        for command in ["check", "build"] {
            let process = Process()
            process.executableURL = binary
            process.arguments = [command, "--lang", "en", "--content", project.content.path, "--templates", templates,
                                 "--output", project.content.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1, "\(command): \(text)")
            #expect(text.contains("the output folder is content/"), "\(command): \(text)")
        }
        #expect(FileManager.default.fileExists(atPath: project.content.appendingPathComponent("site.yml").path))
        #expect(FileManager.default.fileExists(atPath: project.content.appendingPathComponent("articles/a0.md").path))
    }
}
