import Foundation
import Testing
@testable import BanTinKit

/// A page kind is declared once (`PageKind`), with what produces it; one added without its producer must not
/// compile. Checked with the compiler itself on the real declaration, as a new kind would be added to it.
@Suite struct PageKindTests {
    static let declaration = Fixtures.repositoryRoot.appendingPathComponent("Sources/BanTinKit/PageTable/PageKind.swift")
    /// The two outside types the declaration names.
    static let stubs = "struct ArticleID: Sendable, Equatable {}\nstruct OldURL: Sendable, Equatable {}\n"

    @Test func aKindAddedWithoutItsProducerDoesNotCompile() throws {
        let source = try String(contentsOf: Self.declaration, encoding: .utf8)
        let asItIs = try typecheck(source)
        #expect(asItIs.succeeded, "the declaration compiles alone: \(asItIs.output)")
        // A scratch kind, declared and nothing else: the producer's switch no longer covers every kind.
        let scratch = source.replacingOccurrences(of: "    case home\n", with: "    case home\n    case documentList\n")
        #expect(scratch != source)
        let added = try typecheck(scratch)
        #expect(!added.succeeded)
        #expect(added.output.contains("switch must be exhaustive"), "\(added.output)")
    }

    @Test func everyKindOfTheTableIsAPageExactlyWhenItHasATemplate() throws {
        let table = PageTable(site: try Fixtures.model(articleFiles: ArchitectureTests.articles, pageFiles: [ArchitectureTests.page]).0)
        for entry in table.entries {
            #expect(entry.isPage == (entry.kind.template != nil), "\(entry.url)")
            #expect(!(entry.isPage && entry.isFolder), "\(entry.url)")
        }
        #expect(table.pages.contains { $0.kind == .home } && !table.pages.contains { $0.kind == .sitemap })
    }

    /// `swiftc -typecheck` on the declaration and the stubs.
    private func typecheck(_ source: String) throws -> (succeeded: Bool, output: String) {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kind = folder.appendingPathComponent("PageKind.swift"), stubs = folder.appendingPathComponent("Stubs.swift")
        try source.writeReplacing(kind)
        try Self.stubs.writeReplacing(stubs)
        let process = Process()
        process.executableURL = try #require(Self.compiler, "swiftc not found next to swift on PATH")
        process.arguments = ["-typecheck", "-swift-version", "6", kind.path, stubs.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus == 0, output)
    }

    /// The compiler of the toolchain running the tests: on PATH, or beside `swift` in /opt/swift.
    static var compiler: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/swiftc" } + ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(URL.init(fileURLWithPath:))
    }
}
