import Foundation

/// A birth date that agrees with an age in months today: the registry
/// refuses a date of birth more than a year away from the age given.
func bornAged(months: Int) -> String {
    let calendar = Calendar(identifier: .gregorian)
    var utc = calendar
    utc.timeZone = TimeZone(identifier: "UTC")!
    let date = utc.date(byAdding: .month, value: -months, to: Date())!
    let parts = utc.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
}
