import Glibc

/// Who a connection is: the kernel's uid, gid and pid (SO_PEERCRED) and the
/// account's user and group names, looked up once per connection
/// (getpwuid_r, getgrouplist, getgrgid_r) rather than once per frame.
public struct PeerIdentity: Sendable, Equatable, CustomStringConvertible {
    public var credentials: PeerCredentials
    /// The account's name, or "uid N" when the uid has no passwd entry.
    public var userName: String
    /// The primary group's and every supplementary group's name, as the
    /// group database lists them for the user (not the process's groups:
    /// the kernel does not pass those over the socket).
    public var groupNames: [String]

    public init(credentials: PeerCredentials, userName: String, groupNames: [String]) {
        self.credentials = credentials
        self.userName = userName
        self.groupNames = groupNames
    }

    public var uid: UInt32 { credentials.uid }

    public var description: String {
        "\(userName) (uid \(credentials.uid), pid \(credentials.pid), groups \(groupNames.joined(separator: ",")))"
    }

    /// Looks the peer up in the user and group databases. Never fails: an
    /// account the databases do not know is named by its numbers.
    public static func resolve(_ credentials: PeerCredentials) -> PeerIdentity {
        let account = Self.account(of: credentials.uid)
        var gids: [gid_t] = [credentials.gid]
        if let account {
            gids = Self.groupList(of: account.name, primary: account.gid)
            if !gids.contains(credentials.gid) { gids.append(credentials.gid) }
        }
        var names: [String] = []
        for gid in gids {
            let name = Self.groupName(of: gid) ?? "gid \(gid)"
            if !names.contains(name) { names.append(name) }
        }
        return PeerIdentity(credentials: credentials, userName: account?.name ?? "uid \(credentials.uid)", groupNames: names)
    }

    private static func account(of uid: UInt32) -> (name: String, gid: gid_t)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var size = 1024
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            let status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
            if status == ERANGE { size *= 4; continue }
            guard status == 0, result != nil, let name = entry.pw_name else { return nil }
            return (String(cString: name), entry.pw_gid)
        }
        return nil
    }

    private static func groupList(of user: String, primary: gid_t) -> [gid_t] {
        var count: Int32 = 32
        while count <= 65_536 {
            var groups = [gid_t](repeating: 0, count: Int(count))
            var found = count
            if getgrouplist(user, primary, &groups, &found) >= 0 {
                return Array(groups.prefix(Int(max(0, found))))
            }
            // -1 with `found` set to the number needed.
            count = max(count * 2, found)
        }
        return [primary]
    }

    private static func groupName(of gid: gid_t) -> String? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var size = 1024
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            let status = getgrgid_r(gid, &entry, &buffer, buffer.count, &result)
            if status == ERANGE { size *= 4; continue }
            guard status == 0, result != nil, let name = entry.gr_name else { return nil }
            return String(cString: name)
        }
        return nil
    }
}
