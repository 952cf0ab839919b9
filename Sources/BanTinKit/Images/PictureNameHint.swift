import Foundation

/// How to write a picture that is not where an article says: the file name alone (`image: hoi-nghi.jpg`, as
/// people write it) when a file of that name is in content/images/, or a name differing only in capitals or
/// accents. One function for the build's images stage and for `bantin check`, so both say the same.
enum PictureNameHint {
    /// `names`: the files under content/images/, relative to it ("hoi-nghi.jpg", "2026/anh.jpg"), in NFC.
    /// Nil when no file there comes close.
    static func hint(for reference: String, among names: some Sequence<String>) -> Message? {
        var path = String(reference.prefix { $0 != "?" && $0 != "#" })
        path = (path.removingPercentEncoding ?? path).precomposedStringWithCanonicalMapping
        guard let wanted = path.split(separator: "/").last.map(String.init), !wanted.isEmpty else { return nil }
        let sorted = names.sorted()
        func fileName(_ name: String) -> String { name.split(separator: "/").last.map(String.init) ?? name }
        if let same = sorted.first(where: { fileName($0) == wanted }), "/images/" + same != path {
            return Message("image.hintWrite", ["path": .text("/images/" + same)])
        }
        let folded = fold(wanted)
        if let near = sorted.first(where: { fold(fileName($0)) == folded }) {
            return Message("image.hintDidYouMean", ["path": .text("/images/" + near)])
        }
        return nil
    }

    /// Without capitals and accents ("Hội-Nghị.JPG" → "hoi-nghi.jpg"); đ is d.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d").lowercased()
    }
}
