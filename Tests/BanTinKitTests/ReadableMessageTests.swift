import Foundation
import Testing
@testable import BanTinKit

/// File names and system errors are written readably in messages.
@Suite(.serialized) struct ReadableMessageTests {

    @Test func fileNamesWithControlCharactersAndSystemErrorsAreWrittenReadably() throws {
        let diagnostic = Diagnostic.error("content/articles/a\nb\u{1B}[31m.md", line: 3, .verbatim("bad \u{202E}x"))
        #expect(diagnostic.description == #"content/articles/a\nb\u{1B}[31m.md:3: error: bad \u{202E}x"#)
        #expect(FileProblem.describe(PlainFiles.Failure(path: "/srv/public/tin/a/index.html", operation: "write", code: ENOSPC))
                == "disk full while writing /srv/public/tin/a/index.html")
        let cocoa = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/srv/public/x"])
        #expect(FileProblem.describe(cocoa) == "permission denied while writing /srv/public/x")

        // A read-only output folder: the build says so, on the folder, and leaves the site as it was.
        let project = try TestProject()
        defer {
            chmod(project.folder.path, 0o755)
            project.remove()
        }
        try Build.run(project.options)
        guard getuid() != 0 else { return }  // root writes anyway
        chmod(project.folder.path, 0o555)
        try project.write(Fixtures.article("a0", title: "Tin đổi").text, to: "content/articles/a0.md")
        #expect(project.failure().first?.contains("permission denied") == true)
    }
}
