/// Who has which role (docs/ACCESS.md): users by name, then groups by name;
/// root and the daemon's own user are admin unless the policy names them.
/// Without a policy file the default applies: root and the daemon's user
/// are admin, group `corridor` observers, anyone else is refused.
public struct AccessPolicy: Sendable, Equatable {
    public var users: [String: Role]
    public var groups: [String: Role]
    /// Disclosure profiles by name, from the file's [profiles.NAME] tables;
    /// the built-in ones apply where the file names none (DisclosureProfile).
    public var profiles: [String: DisclosureProfile] = [:]
    /// Where it came from ("built-in default" or a path), for logs and `whoami`.
    public var source: String

    public init(users: [String: Role] = [:], groups: [String: Role] = [:], source: String) {
        self.users = users
        self.groups = groups
        self.source = source
    }

    /// The policy in force when no file is configured.
    public static let builtInDefault = AccessPolicy(groups: ["corridor": .observer], source: "built-in default")

    /// The role of `identity`, or nil when the policy gives it none.
    /// `daemonUID`: the uid corridord runs as, admin like root, since it can
    /// read the data directory anyway.
    public func role(of identity: PeerIdentity, daemonUID: UInt32) -> Role? {
        if let role = users[identity.userName] { return role }
        if identity.uid == 0 || identity.uid == daemonUID { return .admin }
        // Several groups with roles: the widest wins, since each membership
        // was granted on purpose (docs/ACCESS.md).
        return identity.groupNames.compactMap { groups[$0] }.min()
    }
}
