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
    public static func reason(_ code: Int32) -> String { reasonMessage(code).description }

    public static func reasonMessage(_ code: Int32) -> Message {
        switch code {
        case ENOSPC: Message("io.diskFull")
        case EDQUOT: Message("io.quota")
        case EACCES, EPERM: Message("io.permission")
        case EROFS: Message("io.readOnly")
        case EMFILE, ENFILE: Message("io.tooManyFiles")
        case ENOENT: Message("io.noSuchFile")
        case ENOTDIR: Message("io.notDirectory")
        case EISDIR: Message("io.isDirectory")
        case EIO: Message("io.inputOutput")
        case ENAMETOOLONG: Message("io.nameTooLong")
        default: .verbatim(String(cString: strerror(code)))
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
        message(error, action: action, object: object).description
    }

    /// `describe` as a message, said in the language it is shown in. `action` and `object` are the English
    /// words above; each has its key in the catalogues (io.action.*, io.object.*).
    public static func message(_ error: Error, action: String = "writing", object: String = "the site") -> Message {
        if let failure = error as? BuildFailure { return .verbatim(failure.description) }
        if let busy = error as? BuildLock.Busy { return .verbatim(busy.description) }
        let path = Self.path(of: error).map { Diagnostic.escaped($0) }
        let verb = (error as? PlainFiles.Failure)?.operation == "create folder" ? "creating the folder" : action
        let what: Message = path.map { .verbatim($0) } ?? Message("io.object." + object.replacingOccurrences(of: " ", with: "_"))
        let reason: Message = code(of: error).map(reasonMessage)
            ?? .verbatim(Diagnostic.escaped((error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription))
        return Message("io.problem", ["reason": .message(reason), "action": .message(Message("io.action." + verb.replacingOccurrences(of: " ", with: "_"))),
                                      "object": .message(what)])
    }

    /// `error` as a diagnostic on the file it is about (or `fallback`), so it reads as what it is: a problem
    /// of the disk, not of the content.
    public static func diagnostic(_ error: Error, fallback: String, action: String = "writing") -> [Diagnostic] {
        if let failure = error as? BuildFailure { return failure.diagnostics }
        return [.error(path(of: error) ?? fallback, message(error, action: action, object: "it"))]
    }
}
