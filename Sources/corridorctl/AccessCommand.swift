import ArgumentParser
import CorridorClient
import CorridorServer
import CorridorWire

struct AccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Check an access policy file, or see who the daemon takes you to be.",
        discussion: "The policy maps users and groups to roles; docs/ACCESS.md describes it.",
        subcommands: [AccessCheckCommand.self, AccessWhoamiCommand.self, AccessGrantsCommand.self]
    )
}

struct AccessCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an access policy file offline, as corridord would read it; exits 0 when it is good.",
        discussion: "A bad file is INVALID_ARGUMENT (exit status 3), with its line and reason."
    )

    @Argument(help: "The policy file, e.g. /etc/corridor/access.toml.")
    var file: String

    @Flag(help: "Print the roles as JSON (cli.proto's AccessCheckReport), and an error as a CliError.")
    var json = false

    func run() throws {
        let policy: AccessPolicy
        do {
            policy = try AccessPolicy.load(path: file)
        } catch {
            throw InputError(option: error.key ?? "<file>", error.description)
        }
        if json {
            printJSON(Corridor_V1_AccessCheckReport(
                file: file,
                users: policy.users.sorted { $0.key < $1.key }.map { Corridor_V1_AccessRoleGrant(name: $0.key, role: $0.value.rawValue) },
                groups: policy.groups.sorted { $0.key < $1.key }.map { Corridor_V1_AccessRoleGrant(name: $0.key, role: $0.value.rawValue) }
            ))
            return
        }
        print("\(file): good; \(policy.users.count) user\(policy.users.count == 1 ? "" : "s") and \(policy.groups.count) group\(policy.groups.count == 1 ? "" : "s") with roles")
        for (name, role) in policy.users.sorted(by: { $0.key < $1.key }) { print("  user \(name): \(role.rawValue)") }
        for (name, role) in policy.groups.sorted(by: { $0.key < $1.key }) { print("  group \(name): \(role.rawValue)") }
    }
}

struct AccessWhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the user, groups and role the daemon sees for this connection."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let client = try await connection.connect()
        let status = try await calling { () async throws(RPCError) in try await client.status(timeout: connection.callTimeout) }
        await client.close()
        let caller = status.caller ?? Corridor_V1_Caller()
        if json {
            printJSON(caller)
            return
        }
        print("user    \(caller.userName) (uid \(caller.uid), gid \(caller.gid), pid \(caller.pid))")
        print("groups  \(caller.groupNames.joined(separator: ", "))")
        print("role    \(caller.role.isEmpty ? "none" : caller.role)")
        print("policy  \(caller.policySource)")
    }
}

struct AccessGrantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grants",
        abstract: "List the break-glass grants still open (admin only).",
        discussion: "Each grant lets one user see one case whole until it expires; docs/ACCESS.md, \"Break-glass\"."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print JSON (corridor.v1.ListBreakGlassGrantsResponse) instead of text.")
    var json = false

    func run() async throws {
        let client = try await connection.connect()
        let grants = try await calling { () async throws(RPCError) in try await client.breakGlassGrants(timeout: connection.callTimeout) }
        await client.close()
        if json { return printJSON(Corridor_V1_ListBreakGlassGrantsResponse(grants: grants)) }
        var table = TextTable("CASE", "WHO", "OPENED", "EXPIRES", "REASON")
        for grant in grants {
            table.add(
                grant.caseID, "\(grant.userName) (uid \(grant.uid), \(grant.role))",
                formatTimestamp(nanoseconds: grant.openedAtMs * 1_000_000), formatTimestamp(nanoseconds: grant.expiresAtMs * 1_000_000), grant.reason
            )
        }
        print(table.render())
    }
}
