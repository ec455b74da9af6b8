/// How much free text a field may hold (PROTOCOL.md §7), and the one check
/// of it that the registry and the CSV import share.
///
/// The limit people read is in characters, but one character can carry any
/// number of combining marks ("A" and a million accents is one character of
/// 2 MB), so what is stored is bounded in UTF-8 bytes too: four per
/// character allowed, enough for any script at the character limit.
public struct TextLimit: Sendable, Hashable {
    public var characters: Int

    public init(characters: Int) {
        self.characters = characters
    }

    public var bytes: Int { characters * 4 }

    /// Ids of lines, units, short names.
    public static let short = TextLimit(characters: 64)
    /// Names, titles, contacts, identity numbers, places.
    public static let standard = TextLimit(characters: 200)
    /// Reasons, term descriptions, where a figure was reported.
    public static let reason = TextLimit(characters: 1_000)
    /// A figure's note.
    public static let note = TextLimit(characters: 2_000)
    /// Clinical notes, incident descriptions, window violation reports.
    public static let long = TextLimit(characters: 10_000)

    /// Why `text` does not fit, or nil. A NUL is refused too: C readers of
    /// the text would see it end there, and two different texts compare equal.
    public func problem(_ text: String) -> String? {
        let size = text.utf8.count
        if size > bytes { return "is \(size) bytes (UTF-8); at most \(bytes)" }
        let count = text.count
        if count > characters { return "is \(count) characters; at most \(characters)" }
        if let index = text.utf8.firstIndex(of: 0) {
            return "contains a NUL byte (U+0000) at byte \(text.utf8.distance(from: text.utf8.startIndex, to: index))"
        }
        return nil
    }
}
