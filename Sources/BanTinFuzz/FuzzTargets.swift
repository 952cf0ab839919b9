import BanTinKit
import Foundation

/// Inputs the fuzzers feed to the parsers editors and web servers reach: any bytes must give a value or a
/// diagnostic, never a crash or a hang.
enum FuzzTargets {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// Decoding, front-matter splitting, YAML and typed fields: the whole path of one article file.
    static func articleFile(_ bytes: [UInt8]) {
        guard let file = try? SourceFile.decode(Data(bytes), path: "fuzz.md") else { return }
        _ = try? FrontMatter.split(file.text)
        _ = ArticleSource.read(file, timeZone: zone)
    }

    static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "article": articleFile(bytes)
        default: articleFile(bytes)
        }
    }
}
