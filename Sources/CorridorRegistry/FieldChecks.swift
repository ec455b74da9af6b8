import CorridorModel
import CorridorTimeZones

/// Collects every field violation of a request, so one refusal names them all.
struct FieldChecks {
    private(set) var violations: [FieldViolation] = []

    mutating func require(_ condition: Bool, _ field: String, _ description: @autoclosure () -> String) {
        if !condition { violations.append(FieldViolation(field: field, reason: description())) }
    }

    /// Operator-chosen ids: 1-64 of a-z, 0-9, '-', '_', '.', starting with a letter or digit.
    mutating func identifier(_ value: String, _ field: String) {
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        let startsWell = value.utf8.first.map { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) } ?? false
        require(!value.isEmpty, field, "is required")
        if !value.isEmpty {
            require(value.utf8.count <= 64 && allowed && startsWell, field, "\"\(value)\" must be 1-64 of a-z, 0-9, '-', '_', '.', starting with a letter or digit")
        }
    }

    /// Free text of at most `maxLength` characters and the UTF-8 bytes
    /// TextLimit allows them, without NUL.
    mutating func text(_ value: String, _ field: String, required: Bool, maxLength: Int = TextLimit.standard.characters) {
        if required { require(!value.allSatisfy(\.isWhitespace), field, "is required") }
        if let problem = TextLimit(characters: maxLength).problem(value) {
            violations.append(FieldViolation(field: field, reason: problem))
        }
    }

    /// YYYY-MM-DD (CivilDate's one calendar: years 0001-9999, a real month
    /// and day), and not after `notAfter` when given: the day the command is
    /// decided, for dates of things that have happened. Returns the date
    /// when it is one.
    @discardableResult
    mutating func date(_ value: String, _ field: String, required: Bool, notAfter today: CivilDate? = nil) -> CivilDate? {
        if value.isEmpty {
            if required { violations.append(FieldViolation(field: field, reason: "is required (YYYY-MM-DD)")) }
            return nil
        }
        guard let date = CivilDate(value) else {
            violations.append(FieldViolation(field: field, reason: "\(Self.quoted(value)) is not a date in the form YYYY-MM-DD (year 0001-9999, a real month and day)"))
            return nil
        }
        if let today, Self.latestPast(today) < date {
            violations.append(FieldViolation(field: field, reason: "is \(date), after today \(today) (UTC; a day later is allowed for time zones ahead of UTC)"))
            return nil
        }
        return date
    }

    /// How far ahead of the registry's clock a time of something that has
    /// happened may be: the operator's clock and minute-rounded times differ.
    static let clockDifferenceMs: UInt64 = 15 * 60_000

    /// A time given for something that has happened (a departure, an
    /// incident) may not be later than now, beyond `clockDifferenceMs`.
    mutating func happened(_ atMs: UInt64?, _ field: String, nowMs: UInt64) {
        guard let atMs, atMs > nowMs + Self.clockDifferenceMs else { return }
        violations.append(FieldViolation(field: field, reason: "is \(LocalTimestamp.format(atMs, zoneName: "UTC")), after now (\(LocalTimestamp.format(nowMs, zoneName: "UTC")))"))
    }

    /// The latest date that can already have happened somewhere on Earth
    /// when it is `today` in UTC: zones run up to 14 hours ahead of it.
    static func latestPast(_ today: CivilDate) -> CivilDate { today.adding(days: 1) }

    /// A client's text shown back in a refusal, cut short: it may be megabytes.
    static func quoted(_ value: String) -> String {
        let limit = 64
        guard value.utf8.count > limit else { return "\"\(value)\"" }
        return "\"\(String(decoding: value.utf8.prefix(limit), as: UTF8.self))…\" (\(value.utf8.count) bytes)"
    }

    mutating func specified<E: RawRepresentable & CaseIterable & Equatable>(_ value: E, _ unspecified: E, _ field: String) where E.RawValue == String {
        let allowed = E.allCases.filter { $0 != unspecified }.map(\.rawValue).joined(separator: ", ")
        require(value != unspecified, field, "is required: one of \(allowed)")
    }

    func throwIfAny() throws(RegistryError) {
        if !violations.isEmpty { throw RegistryError.invalidArgument(violations: violations) }
    }
}

/// FAILED_PRECONDITION naming the current state and the allowed ones.
func wrongState<S: RawRepresentable>(_ what: String, is current: S, allowed: [S], for action: String) -> RegistryError where S.RawValue == String {
    let options = allowed.isEmpty ? "none: it is final" : allowed.map(\.rawValue).joined(separator: ", ")
    return RegistryError.failedPrecondition("\(what) is \(current.rawValue); \(action) needs one of: \(options)")
}
