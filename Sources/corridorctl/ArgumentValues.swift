import ArgumentParser
import CorridorClient

/// Domain enums on the command line: the proto names, in any case, with '-'
/// for '_' ("urgent-surgical" is URGENT_SURGICAL).
protocol ProtoNamedArgument: ExpressibleByArgument, RawRepresentable, CaseIterable where RawValue == String {
    static var unspecified: Self { get }
}

extension ProtoNamedArgument {
    public init?(argument: String) {
        let wanted = argument.uppercased().replacingOccurrences(of: "-", with: "_")
        guard let match = Self.allCases.first(where: { $0.rawValue == wanted }), match != Self.unspecified else { return nil }
        self = match
    }

    public static var allValueStrings: [String] {
        allCases.filter { $0 != unspecified }.map { $0.rawValue.lowercased().replacingOccurrences(of: "_", with: "-") }
    }

    public var defaultValueDescription: String { rawValue }
}

extension Party.Kind: ProtoNamedArgument {}
extension Site.Kind: ProtoNamedArgument {}
extension Site.CrossingStatus: ProtoNamedArgument {}
extension Case.Sex: ProtoNamedArgument {}
extension Case.Precedence: ProtoNamedArgument {}
extension Case.Condition: ProtoNamedArgument {}
extension Case.Need: ProtoNamedArgument {}
extension Case.Status: ProtoNamedArgument {}

extension RecordKind: ExpressibleByArgument {}
