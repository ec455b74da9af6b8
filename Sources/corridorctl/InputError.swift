import CorridorModel

/// Bad input found after the arguments parsed (a file that cannot be read,
/// an option's inner syntax). Printed as "Error: …" with no usage text:
/// ArgumentParser would print the root command's usage for a ValidationError
/// thrown from run(), which names no command at all. It is INVALID_ARGUMENT
/// (exit status 3); with --json, its field violation names the option.
struct InputError: Error, CustomStringConvertible {
    let description: String
    /// The option at fault, e.g. "--vehicle".
    let option: String?

    /// A message that starts with the option it is about (`--vehicle "x": …`)
    /// names that option; so write every message, and --json shows the field.
    init(_ description: String) {
        self.description = description
        self.option = Self.leadingOption(of: description)
    }

    /// For a message that does not start with its option (a file's name first).
    init(option: String, _ description: String) {
        self.description = description
        self.option = option
    }

    var fieldViolations: [FieldViolation] {
        option.map { [FieldViolation(field: $0, reason: description)] } ?? []
    }

    /// "--vehicle" of `--vehicle "truck:x": …`, "--tz" of `--tz: …`.
    static func leadingOption(of text: String) -> String? {
        guard text.hasPrefix("--") else { return nil }
        let name = text.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        return name.isEmpty ? nil : "--" + name
    }
}
