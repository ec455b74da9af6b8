import CorridorModel
import CorridorRegistry
import CorridorServer
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Every role against every class of method, through the real socket with
/// real uids: test users and groups are created (useradd, groupadd), given
/// roles by a policy, and run corridorctl as themselves (setpriv); the
/// server sees them by SO_PEERCRED. Needs root, as CI has.
@Suite(
    "access matrix with real uids", .serialized,
    .enabled(if: getuid() == 0, "creates users and groups with useradd/groupadd and runs commands as them, which needs root (CI runs as root)")
)
struct AccessMatrixTests {
    /// One command per class of method (MethodClass), each reaching the server.
    static func commands(caseID: String, tag: String) -> [(MethodClass, [String])] {
        [
            (.system, ["status"]),
            (.referenceRead, ["party", "list"]),
            (.referenceWrite, ["party", "add", "p-\(tag)", "--short-name", "P \(tag)", "--kind", "ngo"]),
            (.crossingWrite, ["site", "crossing", "no-such-crossing", "closed", "--reason", "shelling"]),
            (.caseRead, ["case", "show", caseID]),
            (.caseWrite, ["case", "status", "C-999999", "withdrawn", "--reason", "left on her own"]),
            (.negotiationRead, ["rule", "list"]),
            (.negotiationWrite, ["list", "create", "l-\(tag)", "--agreement", "no-such-agreement", "--origin", "enclave", "--quota", "1"]),
            (.logisticsRead, ["window", "ls"]),
            (.logisticsWrite, ["movement", "notify", "no-such-movement"]),
            (.breakGlass, ["case", "break-glass", caseID, "--reason", "identify the patient at the crossing", "--for", "5m"]),
        ]
    }

    @Test("each role may call what its methods allow, is refused the rest, and sees a case cut to its role")
    func roleMatrix() async throws {
        let tag = "cx\(getpid() % 100_000)"
        var accounts = TestAccounts(prefix: tag)
        defer { accounts.removeAll() }
        let observerGroup = try accounts.addGroup("\(tag)-obs")
        var users: [Role?: String] = [:]
        // The observer gets its role through its group, the others by name.
        var byName: [String: Role] = [:]
        for role in Role.allCases {
            let user = try accounts.addUser("\(tag)-\(role.rawValue.prefix(5))", groups: role == .observer ? [observerGroup] : [])
            users[role] = user
            if role != .observer { byName[user] = role }
        }
        users[nil] = try accounts.addUser("\(tag)-strgr", groups: [])
        let policy = AccessPolicy(users: byName, groups: [observerGroup: .observer], source: "matrix policy")
        let server = try await InProcessServer.startWithRegistry(access: AccessControl(policy: policy))
        do {
            try await Self.runMatrix(server: server, users: users)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private static func runMatrix(server: InProcessServer, users: [Role?: String]) async throws {
        // The test users must reach the socket; the server made it for root alone.
        chmod(server.directory, 0o755)
        chmod(server.socketPath, 0o666)

        let registry = try #require(server.registry)
        let actor = Actor(uid: 0, userName: "root", pid: getpid(), role: "admin")
        _ = try await registry.registerParty(Party(id: "gov", shortName: "Government", kind: .government), actor: actor)
        _ = try await registry.registerSite(Site(id: "enclave", name: "The enclave", kind: .enclave, besiegedBy: ["gov"], besiegedSince: "2013-04-01"), actor: actor)
        let view = try await registry.registerCase(
            Case(siteID: "enclave", ageMonths: 84, sex: .female, precedence: .urgent, conditions: [.cancer], needs: [.oxygen], consentGiven: true),
            personal: CasePersonal(name: "Amal Haddad", dateOfBirth: "2019-03-04", identityNumbers: ["ID-775533"], clinicalNotes: "insulin twice a day"),
            actor: actor
        )
        let caseID = try #require(view.case?.id)

        let setpriv = try TestProcess.tool("setpriv", hint: "It comes with Debian's util-linux package.")
        let corridorctl = try TestProcess.builtProduct("corridorctl")
        var failures: [String] = []
        for (role, user) in users.sorted(by: { ($0.key?.rawValue ?? "~") < ($1.key?.rawValue ?? "~") }) {
            for (methodClass, arguments) in commands(caseID: caseID, tag: "\(role?.rawValue ?? "none")") {
                let outcome = try await TestProcess.run(
                    setpriv, ["--reuid", user, "--regid", user, "--init-groups", corridorctl]
                        + arguments + ["--socket", server.socketPath, "--json"],
                    environment: ["CORRIDOR_SOCKET": nil, "HOME": "/nonexistent"]
                )
                let allowed = role.map { methodClass.roles.contains($0) } ?? false
                let who = "\(role?.rawValue ?? "stranger") (\(user)) \(methodClass)"
                if allowed && outcome.status == 7 {
                    failures.append("\(who) was refused:\n\(outcome.transcript)")
                } else if !allowed && (outcome.status != 7 || !outcome.stderr.contains("PERMISSION_DENIED")) {
                    failures.append("\(who) was not refused:\n\(outcome.transcript)")
                }
                // Reads that must succeed prove the command reached the server as this user.
                if allowed, [.system, .referenceRead, .caseRead, .negotiationRead, .logisticsRead].contains(methodClass), outcome.status != 0 {
                    failures.append("\(who) failed:\n\(outcome.transcript)")
                }
                if methodClass == .caseRead, allowed {
                    let seesName = [.admin, .coordinator, .medical, .negotiator].contains(role)
                    let seesConditions = [.admin, .coordinator, .medical].contains(role)
                    if outcome.stdout.contains("Amal Haddad") != seesName { failures.append("\(who): the name shown is wrong for the role:\n\(outcome.stdout)") }
                    if outcome.stdout.contains("CANCER") != seesConditions { failures.append("\(who): conditions shown wrongly:\n\(outcome.stdout)") }
                    if outcome.stdout.contains("insulin") != seesConditions { failures.append("\(who): clinical notes shown wrongly:\n\(outcome.stdout)") }
                    if !outcome.stdout.contains("OXYGEN") { failures.append("\(who): needs are withheld:\n\(outcome.stdout)") }
                }
                if role == nil, !outcome.stderr.contains("has no role in the access policy") {
                    failures.append("\(who): the refusal does not say why:\n\(outcome.transcript)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) wrong answers:\n\(failures.joined(separator: "\n\n"))")
    }
}

/// Users and groups a test creates, removed when it ends (even when it fails).
struct TestAccounts {
    let prefix: String
    private var users: [String] = []
    private var groups: [String] = []

    init(prefix: String) {
        self.prefix = prefix
    }

    mutating func addGroup(_ name: String) throws -> String {
        try Self.run("/usr/sbin/groupadd", [name])
        groups.append(name)
        return name
    }

    mutating func addUser(_ name: String, groups: [String]) throws -> String {
        var arguments = ["--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group"]
        if !groups.isEmpty { arguments += ["--groups", groups.joined(separator: ",")] }
        try Self.run("/usr/sbin/useradd", arguments + [name])
        users.append(name)
        return name
    }

    mutating func removeAll() {
        for user in users { try? Self.run("/usr/sbin/userdel", [user]) }
        for group in groups { try? Self.run("/usr/sbin/groupdel", [group]) }
        users = []
        groups = []
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AccountError(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }

    struct AccountError: Error, CustomStringConvertible {
        let description: String
    }
}
