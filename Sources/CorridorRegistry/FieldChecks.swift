import CorridorModel
import CorridorWire

/// Collects every field violation of a request, so one refusal names them all.
struct FieldChecks {
    private(set) var violations: [FieldViolation] = []

    mutating func require(_ condition: Bool, _ field: String, _ description: @autoclosure () -> String) {
        if !condition { violations.append(FieldViolation(field: field, description: description())) }
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

    mutating func text(_ value: String, _ field: String, required: Bool, maxLength: Int = 200) {
        if required { require(!value.allSatisfy(\.isWhitespace), field, "is required") }
        require(value.count <= maxLength, field, "is \(value.count) characters; at most \(maxLength)")
    }

    /// YYYY-MM-DD with a real month and day.
    mutating func date(_ value: String, _ field: String, required: Bool) {
        if value.isEmpty {
            if required { violations.append(FieldViolation(field: field, description: "is required (YYYY-MM-DD)")) }
            return
        }
        require(CalendarDate(value) != nil, field, "\"\(value)\" is not a date in the form YYYY-MM-DD")
    }

    mutating func specified<E: RawRepresentable & CaseIterable & Equatable>(_ value: E, _ unspecified: E, _ field: String) where E.RawValue == String {
        let allowed = E.allCases.filter { $0 != unspecified }.map(\.rawValue).joined(separator: ", ")
        require(value != unspecified, field, "is required: one of \(allowed)")
    }

    func throwIfAny() throws(RPCError) {
        if !violations.isEmpty { throw RPCError.invalidArgument(violations) }
    }
}

/// A calendar date without a time zone, as the domain records them.
struct CalendarDate: Comparable {
    let year: Int
    let month: Int
    let day: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// FAILED_PRECONDITION naming the current state and the allowed ones.
func wrongState<S: RawRepresentable>(_ what: String, is current: S, allowed: [S], for action: String) -> RPCError where S.RawValue == String {
    let options = allowed.isEmpty ? "none: it is final" : allowed.map(\.rawValue).joined(separator: ", ")
    return RPCError(.failedPrecondition, "\(what) is \(current.rawValue); \(action) needs one of: \(options)")
}
