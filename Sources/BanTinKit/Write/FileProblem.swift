import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors of the file system (disk full, no permission, read-only disk) said in a line an operator reads,
/// never as Foundation's `Error Domain=… UserInfo={…}` dump.
public enum FileProblem {
    /// "disk full", "permission denied", …: errno as words.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "disk full"
        case EDQUOT: "disk quota exceeded"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the disk is read-only"
        case EMFILE, ENFILE: "too many open files"
        case ENOENT: "no such file or folder"
        case ENOTDIR: "a part of the path is not a folder"
        case EISDIR: "it is a folder"
        case EIO: "input/output error (the disk may be failing)"
        case ENAMETOOLONG: "the name is too long"
        default: String(cString: strerror(code))
        }
    }

    /// The errno behind `error` when there is one (POSIX errors, and Foundation's file errors that carry it).
    static func code(of error: Error) -> Int32? {
        if let failure = error as? PlainFiles.Failure { return failure.code }
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let bridged = error as NSError
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        if bridged.domain == NSPOSIXErrorDomain { return Int32(bridged.code) }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileWriteOutOfSpace: return ENOSPC
            case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
            case .fileWriteVolumeReadOnly: return EROFS
            case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
            default: return nil
            }
        }
        return nil
    }

    /// The path `error` is about, when it says.
    static func path(of error: Error) -> String? {
        if let failure = error as? PlainFiles.Failure { return failure.path }
        let info = (error as NSError).userInfo
        return (info[NSFilePathErrorKey] as? String) ?? (info[NSURLErrorKey] as? URL)?.path
    }

    /// One readable line: "disk full while writing public/tin/a/index.html". `action` is what was under way
    /// ("writing", "reading"), `object` what it was about when the error does not name its file.
    public static func describe(_ error: Error, action: String = "writing", object: String = "the site") -> String {
        if let failure = error as? BuildFailure { return failure.description }
        if let busy = error as? BuildLock.Busy { return busy.description }
        let path = Self.path(of: error).map { Diagnostic.escaped($0) }
        let verb = (error as? PlainFiles.Failure)?.operation == "create folder" ? "creating the folder" : action
        let place = " while \(verb) " + (path ?? object)
        if let code = code(of: error) { return reason(code) + place }
        let text = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
        return Diagnostic.escaped(text) + place
    }

    /// `error` as a diagnostic on the file it is about (or `fallback`), so it reads as what it is: a problem
    /// of the disk, not of the content.
    public static func diagnostic(_ error: Error, fallback: String, action: String = "writing") -> [Diagnostic] {
        if let failure = error as? BuildFailure { return failure.diagnostics }
        return [.error(path(of: error) ?? fallback, describe(error, action: action, object: "it"))]
    }
}
