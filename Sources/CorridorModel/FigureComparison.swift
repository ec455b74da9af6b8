// Every source's claim side by side with the registry's own count.

public struct CompareFiguresResponse: Sendable, Hashable {
    /// Every claim, oldest as-of first.
    public var claims: [Figure]
    /// Whether the registry counts this measure for this subject, and what it counts.
    public var registryCounts: Bool
    public var registryCount: UInt64
    /// What the registry's count is ("cases at enclave and its sites still waiting").
    public var registryCountDescription: String

    public init(
        claims: [Figure] = [],
        registryCounts: Bool = false,
        registryCount: UInt64 = 0,
        registryCountDescription: String = ""
    ) {
        self.claims = claims
        self.registryCounts = registryCounts
        self.registryCount = registryCount
        self.registryCountDescription = registryCountDescription
    }
}
