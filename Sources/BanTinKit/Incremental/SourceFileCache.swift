import Foundation

/// Files read by earlier builds of the same process, reused while their signature is unchanged, so a
/// rebuild in `bantin serve` reads only the files an editor saved.
public final class SourceFileCache: @unchecked Sendable {
    private var files: [String: (signature: FileSignature, file: SourceFile)] = [:]
    private let lock = NSLock()

    public init() {}

    func file(at path: String, signature: FileSignature) -> SourceFile? {
        lock.withLock { files[path].flatMap { $0.signature == signature ? $0.file : nil } }
    }

    func remember(_ file: SourceFile, at path: String, signature: FileSignature) {
        lock.withLock { files[path] = (signature, file) }
    }

    /// Forgets files that are gone, so a long `serve` session does not keep every deleted article.
    func keepOnly(_ paths: Set<String>) {
        lock.withLock { files = files.filter { paths.contains($0.key) } }
    }
}
