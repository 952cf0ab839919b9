import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Size, modification time and inode of a file: when all three are unchanged the bytes are taken to be
/// unchanged too (as git and make do), so unchanged files are neither read nor hashed again.
public struct FileSignature: Sendable, Hashable, CustomStringConvertible {
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var inode: UInt64

    public init(size: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    /// Follows symbolic links, like reading the file does. Nil when the file cannot be examined.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modifiedNanoseconds = info.modifiedNanoseconds
        inode = UInt64(info.st_ino)
    }

    /// "size:mtime:inode", the form manifests store.
    public var description: String { "\(size):\(modifiedNanoseconds):\(inode)" }

    public init?(_ text: Substring) {
        let parts = text.split(separator: ":")
        guard parts.count == 3, let size = Int64(parts[0]), let time = Int64(parts[1]), let inode = UInt64(parts[2]) else { return nil }
        self.init(size: size, modifiedNanoseconds: time, inode: inode)
    }
}
