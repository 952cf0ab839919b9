/// Unicode direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Vietnamese text never
/// needs them; one left open in a title reverses the text after it wherever the title is shown (`<title>`,
/// feeds, lists), so they are taken out of every text an editor sets, with a warning on its line.
enum BidiControls {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    static func occur(in text: String) -> Bool {
        // Every one of them is encoded E2 80 AA…AE or E2 81 A6…A9: a byte scan finds none in ordinary text.
        guard text.utf8.contains(0xE2) else { return false }
        return text.unicodeScalars.contains(where: contains)
    }

    static func removed(from text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.filter { !contains($0) })
        return String(result)
    }
}
