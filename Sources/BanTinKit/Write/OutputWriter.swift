import Foundation

/// Writes a built site so that readers never see half of it: everything goes into a staging folder
/// beside the output, which replaces the output only once complete. A build that fails or is killed
/// leaves the previous output as it was; the next build tidies up what a killed one left.
public struct OutputWriter {
    public let output: URL
    /// Folders copied as they are into the site: (source, destination inside the output).
    public var copies: [(from: URL, to: String)] = []

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    var staging: URL { sibling("building") }
    var previous: URL { sibling("previous") }

    private func sibling(_ role: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(role)")
    }

    /// Finishes or undoes a swap a killed build left behind.
    public func recover() throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: output.path), manager.fileExists(atPath: previous.path) {
            try manager.moveItem(at: previous, to: output)
        }
        for leftover in [staging, previous] where manager.fileExists(atPath: leftover.path) {
            try manager.removeItem(at: leftover)
        }
    }

    /// Writes `files` and the copied folders, then swaps them in. Returns the number of files written.
    @discardableResult
    public func write(_ files: [OutputFile]) throws -> Int {
        try recover()
        let manager = FileManager.default
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var count = 0
            for copy in copies where manager.fileExists(atPath: copy.from.path) {
                let target = staging.appendingPathComponent(copy.to)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try manager.copyItem(at: copy.from, to: target)
                count += 1
            }
            var madeFolders: Set<String> = []
            for file in files {
                let target = try safeLocation(for: file.path)
                let folder = target.deletingLastPathComponent()
                if madeFolders.insert(folder.path).inserted {
                    try manager.createDirectory(at: folder, withIntermediateDirectories: true)
                }
                try file.contents.write(to: target)
                count += 1
            }
            try swapIn()
            return count
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// Refuses paths that would land outside the output folder.
    func safeLocation(for relativePath: String) throws -> URL {
        let parts = relativePath.split(separator: "/")
        guard !relativePath.hasPrefix("/"), !parts.isEmpty,
              !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw BuildFailure([.error(relativePath, "refusing to write outside the output folder")])
        }
        return staging.appendingPathComponent(relativePath)
    }

    private func swapIn() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: output.path) {
            try manager.moveItem(at: output, to: previous)
        }
        try manager.moveItem(at: staging, to: output)
        try? manager.removeItem(at: previous)
    }
}
