import CorridorServer
import FuzzSupport

// The access policy file (TOML, docs/ACCESS.md) over arbitrary bytes: every
// file is a policy or one AccessPolicyError naming its line and reason, never
// a crash, in toml++ or in the checks after it. A parsed policy then gives
// every identity a role or none.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAccessPolicy(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    do {
        let policy = try AccessPolicy.parse(bytes, source: "fuzz")
        for name in policy.users.keys.prefix(8) {
            let identity = PeerIdentity(credentials: PeerCredentials(pid: 1, uid: 1000, gid: 1000), userName: name, groupNames: Array(policy.groups.keys.prefix(8)))
            _ = policy.role(of: identity, daemonUID: 999)
        }
    } catch {
        precondition(error.line >= 0, "a negative line: \(error)")
        _ = error.description
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        // docs/ACCESS.md's example.
        let example = """
        [users]
        amal = "coordinator"
        "dr.haddad" = "medical"
        root = "admin"

        [groups]
        corridor-medical = "medical"
        corridor-negotiators = "negotiator"
        corridor-logistics = "logistics"
        corridor = "observer"
        """
        let badRole = "[users]\namal = \"admn\"\n"
        let dotted = "users.amal = \"observer\"\ngroups.'corridor' = \"observer\"\n"
        let inline = "users = { amal = \"admin\", sami = [\"observer\"] }\n"
        let unclosed = "[users\namal = \"admin\n"
        return [
            ("example.toml", Array(example.utf8)),
            ("bad-role.toml", Array(badRole.utf8)),
            ("dotted.toml", Array(dotted.utf8)),
            ("inline.toml", Array(inline.utf8)),
            ("unclosed.toml", Array(unclosed.utf8)),
        ]
    }
    return 0
}
