/// Bad input found after the arguments parsed (a file that cannot be read,
/// an option's inner syntax). Printed as "Error: …" and exit status 1, with
/// no usage text: ArgumentParser would print the root command's usage for a
/// ValidationError thrown from run(), which names no command at all.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
