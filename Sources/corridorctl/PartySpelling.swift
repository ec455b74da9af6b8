import ArgumentParser

/// "Which party" is `--by` on every command. The spellings it replaced
/// (`--imposed-by`, `--source`, `--party`) still parse, for scripts written
/// before, but help no longer shows them: argument-parser cannot hide one name
/// of an option's several, so each old spelling is a hidden option of its own,
/// and this checks the two as one option.
enum PartySpelling {
    /// Refuses both spellings at once, and neither when the option is `required`.
    static func check(by: String?, old: String?, oldName: String, required: Bool) throws {
        if by != nil && old != nil {
            throw ValidationError("Give --by or \(oldName), not both: \(oldName) is the old name of --by.")
        }
        if required && by == nil && old == nil {
            throw ValidationError("Missing expected argument '--by <party>'.")
        }
    }
}
