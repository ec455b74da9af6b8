import CorridorServer
import Testing

/// The policy file: a good one as docs/ACCESS.md shows it, bad ones refused
/// with their line and reason, and who gets which role.
@Suite struct AccessPolicyTests {
    static let example = """
        # Who may do what in the Corridor registry (docs/ACCESS.md).
        [users]
        amal = "coordinator"
        "dr.haddad" = "medical"

        [groups]
        corridor-negotiators = "negotiator"
        corridor-logistics = "logistics"
        corridor = "observer"
        """

    static func parse(_ text: String) throws(AccessPolicyError) -> AccessPolicy {
        try AccessPolicy.parse(Array(text.utf8), source: "test.toml")
    }

    static func identity(_ user: String, uid: UInt32 = 1000, groups: [String] = []) -> PeerIdentity {
        PeerIdentity(credentials: PeerCredentials(pid: 1, uid: uid, gid: 1000), userName: user, groupNames: groups)
    }

    @Test func theDocumentedExampleParses() throws {
        let policy = try Self.parse(Self.example)
        #expect(policy.users == ["amal": .coordinator, "dr.haddad": .medical])
        #expect(policy.groups == ["corridor-negotiators": .negotiator, "corridor-logistics": .logistics, "corridor": .observer])
    }

    @Test func rolesFollowUsersThenRootThenTheWidestGroup() throws {
        let policy = try Self.parse(Self.example)
        #expect(policy.role(of: Self.identity("amal", groups: ["corridor"]), daemonUID: 999) == .coordinator)
        #expect(policy.role(of: Self.identity("root", uid: 0), daemonUID: 999) == .admin)
        #expect(policy.role(of: Self.identity("corridor", uid: 999), daemonUID: 999) == .admin)
        #expect(policy.role(of: Self.identity("sami", groups: ["corridor", "corridor-logistics"]), daemonUID: 999) == .logistics)
        #expect(policy.role(of: Self.identity("stranger", groups: ["users"]), daemonUID: 999) == nil)
        // A policy may name root, like anyone.
        #expect(try Self.parse("[users]\nroot = \"observer\"").role(of: Self.identity("root", uid: 0), daemonUID: 999) == .observer)
    }

    @Test func theBuiltInDefault() {
        let policy = AccessPolicy.builtInDefault
        #expect(policy.role(of: Self.identity("root", uid: 0), daemonUID: 999) == .admin)
        #expect(policy.role(of: Self.identity("corridor", uid: 999), daemonUID: 999) == .admin)
        #expect(policy.role(of: Self.identity("amal", groups: ["amal", "corridor"]), daemonUID: 999) == .observer)
        #expect(policy.role(of: Self.identity("stranger", groups: ["stranger"]), daemonUID: 999) == nil)
    }

    @Test(arguments: [
        ("[users]\namal = \"coordinator\"\nsami = \"admn\"\n", 3, "\"admn\" is not a role; the roles are admin, coordinator, medical, negotiator, logistics, observer"),
        ("[users]\namal = 3\n", 2, "must be a role in quotes"),
        ("# policy\n[roles]\namal = \"admin\"\n", 2, "unknown key; a policy has the tables [users] and [groups]"),
        ("[groups]\n\"bad name\" = \"observer\"\n", 2, "is not a group name"),
        ("users = \"admin\"\n", 1, "must be a table ([users]) of names to roles"),
        ("[users]\namal = \"coordinator\"\namal = \"admin\"\n", 3, ""),
        ("[users\namal = \"admin\"\n", 1, ""),
        ("[users]\n\namal = \"admin\n", 3, ""),
        ("[users]\namal = \"admin\"\u{0}\n", 2, "NUL byte"),
        // Found by FuzzAccessPolicy: toml++ ends in an assert() on this header.
        ("[~ser", 1, "a name is letters, digits"),
        ("[[users]]\namal = \"admin\"\n", 1, "arrays of tables"),
        ("[users]\namal = \"\"\"admin\"\"\"\n", 2, "multi-line strings"),
        ("[users]\namal = \"ad\\u0000min\"\n", 2, "escapes"),
        ("[users]\namal = \"admin\" \"x\"\n", 2, "unexpected text after the value"),
        ("[users]\namal\n", 2, "expected `name = \"role\"`"),
    ])
    func badFilesAreRefusedWithLineAndReason(text: String, line: Int, reason: String) {
        do {
            let policy = try Self.parse(text)
            Issue.record("accepted: \(policy)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains("line \(line)"), "\(error)")
            if !reason.isEmpty { #expect(error.reason.contains(reason), "\(error)") }
        }
    }

    @Test func notUTF8IsRefusedWithItsLine() {
        let bytes = Array("[users]\n".utf8) + [0x61, 0xFF, 0x20, 0x3D, 0x20, 0x22, 0x78, 0x22, 0x0A]
        #expect(throws: AccessPolicyError(line: 2, "the file is not UTF-8 text")) {
            try AccessPolicy.parse(bytes, source: "test.toml")
        }
    }

    @Test func aMissingFileIsNamed() {
        do {
            _ = try AccessPolicy.load(path: "/nonexistent/access.toml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description == "cannot read access policy /nonexistent/access.toml: No such file or directory")
        }
    }
}
