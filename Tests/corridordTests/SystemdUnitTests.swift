import CorridorTestSupport
import Foundation
import Testing

/// Checks the systemd integration files in systemd/ with systemd's own tools
/// (systemd 252 on Debian 12): the units verify cleanly against the built
/// corridord, the service's sandbox scores ≤ 1.0 in `systemd-analyze
/// security`, and the sysusers.d/tmpfiles.d snippets apply to a scratch root.
/// Missing tools fail the tests (the Makefile installs the `systemd`
/// package); they never skip.
@Suite("systemd integration files")
struct SystemdUnitTests {
    /// The highest `systemd-analyze security` exposure accepted (0 = locked
    /// down, 10 = unprotected). Measured: 0.5 (no PrivateUsers=, which
    /// the daemon cannot have: it authorises by the peer's uid; and setpriority allowed).
    static let maximumExposure = 1.0

    @Test("systemd-analyze verify accepts corridord.service and corridord.socket")
    func verifyUnits() async throws {
        let analyze = try Tool.require("systemd-analyze")
        let daemon = try CorridordBinary.url()
        let units = try SystemdFixtures.unitsDirectory(execStart: daemon)
        defer { try? FileManager.default.removeItem(at: units) }

        // --recursive-errors=no: the exit status reflects only the two units
        // named here, not the host's own units they pull in (sockets.target…).
        let result = try await Tool.run(analyze, [
            "verify", "--recursive-errors=no",
            units.appendingPathComponent("corridord.service").path,
            units.appendingPathComponent("corridord.socket").path,
        ])
        let complaints = SystemdFixtures.linesAboutOurUnits(result.stdout + result.stderr, unitsDirectory: units)
        #expect(result.status == 0, "systemd-analyze verify failed:\n\(result.transcript)")
        #expect(complaints.isEmpty, "systemd-analyze verify warned about our units:\n\(complaints.joined(separator: "\n"))")
    }

    /// In a private user namespace every client but root and "corridor"
    /// would be uid 65534, and the access policy could tell no one apart.
    @Test("corridord.service keeps the peers' real uids: no PrivateUsers=")
    func noPrivateUsers() throws {
        let unit = try String(contentsOf: TestProcess.packageRoot.appendingPathComponent("systemd/corridord.service"), encoding: .utf8)
        let settings = unit.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.hasPrefix("PrivateUsers=") }
        #expect(settings.isEmpty, "\(settings)")
    }

    @Test("systemd-analyze security --offline=yes rates corridord.service at most 1.0")
    func securityExposure() async throws {
        let analyze = try Tool.require("systemd-analyze")
        let daemon = try CorridordBinary.url()
        let units = try SystemdFixtures.unitsDirectory(execStart: daemon)
        defer { try? FileManager.default.removeItem(at: units) }

        let result = try await Tool.run(analyze, [
            "security", "--offline=yes", "--no-pager",
            units.appendingPathComponent("corridord.service").path,
        ])
        #expect(result.status == 0, "systemd-analyze security failed:\n\(result.transcript)")
        let complaints = SystemdFixtures.linesAboutOurUnits(result.stderr, unitsDirectory: units)
        #expect(complaints.isEmpty, "systemd-analyze security warned about our unit:\n\(complaints.joined(separator: "\n"))")

        // "→ Overall exposure level for corridord.service: 0.2 SAFE 😀"
        let marker = "Overall exposure level for corridord.service:"
        let line = try #require(
            result.stdout.split(separator: "\n").first { $0.contains(marker) },
            "no '\(marker)' line in:\n\(result.transcript)"
        )
        let value = line.components(separatedBy: marker)[1]
            .split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let exposure = try #require(Double(value), "cannot read the exposure from '\(line)'")
        print("systemd-analyze security: corridord.service overall exposure \(exposure) (limit \(Self.maximumExposure))")
        #expect(exposure <= Self.maximumExposure, "exposure \(exposure) > \(Self.maximumExposure):\n\(result.stdout)")
    }

    @Test("the service, socket, sysusers and tmpfiles files agree on paths, owner and modes")
    func unitsAreConsistent() throws {
        let directory = SystemdFixtures.packageRoot.appendingPathComponent("systemd")
        let service = try UnitFile(contentsOf: directory.appendingPathComponent("corridord.service"))
        let socket = try UnitFile(contentsOf: directory.appendingPathComponent("corridord.socket"))

        // systemd 252 (Debian 12) has no Type=notify-reload.
        #expect(service.values("Type") == ["notify"])
        #expect(service.values("ExecStart") == ["/usr/local/bin/corridord"])
        #expect(service.values("User") == ["corridor"])
        #expect(service.values("Group") == ["corridor"])
        // The socket is handed to the same user and group the service runs as,
        // because starting the service chowns /run/corridor and its contents.
        #expect(socket.values("SocketUser") == service.values("User"))
        #expect(socket.values("SocketGroup") == service.values("Group"))
        #expect(socket.values("SocketMode") == ["0660"])
        // The socket lives in the service's RuntimeDirectory, which therefore
        // must survive the service stopping.
        #expect(socket.values("ListenStream") == ["/run/corridor/corridord.sock"])
        #expect(service.values("RuntimeDirectory") == ["corridor"])
        #expect(service.values("RuntimeDirectoryPreserve") == ["yes"])
        #expect(service.values("StateDirectory") == ["corridor"])
        #expect(service.values("Requires").contains("corridord.socket"))

        // tmpfiles.d creates the same directories with the same modes/owner.
        let tmpfiles = try String(contentsOf: directory.appendingPathComponent("corridor.tmpfiles"), encoding: .utf8)
        let entries = tmpfiles.split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let runtimeMode = try #require(service.values("RuntimeDirectoryMode").last)
        let stateMode = try #require(service.values("StateDirectoryMode").last)
        #expect(entries.contains(["d", "/run/corridor", runtimeMode, "corridor", "corridor", "-"]), "\(entries)")
        #expect(entries.contains(["d", "/var/lib/corridor", stateMode, "corridor", "corridor", "-"]), "\(entries)")
    }

    @Test("corridor.sysusers creates the system user and group in a scratch root")
    func sysusersCreatesUser() async throws {
        let sysusers = try Tool.require("systemd-sysusers")
        let snippet = SystemdFixtures.packageRoot.appendingPathComponent("systemd/corridor.sysusers")
        let root = try SystemdFixtures.scratchRoot()
        defer { try? FileManager.default.removeItem(at: root) }

        let dryRun = try await Tool.run(sysusers, ["--dry-run", "--root=\(root.path)", snippet.path])
        #expect(dryRun.status == 0, "systemd-sysusers --dry-run failed:\n\(dryRun.transcript)")
        #expect(dryRun.stderr.contains("Creating user 'corridor'"), "\(dryRun.transcript)")

        let result = try await Tool.run(sysusers, ["--root=\(root.path)", snippet.path])
        #expect(result.status == 0, "systemd-sysusers failed:\n\(result.transcript)")
        let user = try #require(try SystemdFixtures.passwdEntry("corridor", root: root), "no corridor in \(root.path)/etc/passwd:\n\(result.transcript)")
        #expect(user.uid < 1000, "corridor must be a system user, got UID \(user.uid)")
        #expect(user.home == "/var/lib/corridor")
        let gid = try #require(try SystemdFixtures.groupID("corridor", root: root), "no corridor in \(root.path)/etc/group")
        #expect(gid == user.gid)
    }

    @Test("corridor.tmpfiles creates /run/corridor and /var/lib/corridor in a scratch root")
    func tmpfilesCreatesDirectories() async throws {
        let sysusers = try Tool.require("systemd-sysusers")
        let tmpfiles = try Tool.require("systemd-tmpfiles")
        let directory = SystemdFixtures.packageRoot.appendingPathComponent("systemd")
        let root = try SystemdFixtures.scratchRoot()
        defer { try? FileManager.default.removeItem(at: root) }

        // tmpfiles resolves "corridor" in <root>/etc/passwd, so the user comes first.
        let users = try await Tool.run(sysusers, ["--root=\(root.path)", directory.appendingPathComponent("corridor.sysusers").path])
        try #require(users.status == 0, "systemd-sysusers failed:\n\(users.transcript)")
        let user = try #require(try SystemdFixtures.passwdEntry("corridor", root: root))

        let result = try await Tool.run(tmpfiles, ["--root=\(root.path)", "--create", directory.appendingPathComponent("corridor.tmpfiles").path])
        let isRoot = SystemdFixtures.effectiveUserIsRoot()
        if isRoot {
            #expect(result.status == 0, "systemd-tmpfiles --create failed:\n\(result.transcript)")
            #expect(result.stderr.isEmpty, "systemd-tmpfiles --create complained:\n\(result.transcript)")
        } else {
            // Without root only the chown to corridor fails (exit 73, EX_CANTCREAT);
            // anything else, a syntax error or an unknown user, is a real failure.
            let other = result.stderr.split(separator: "\n")
                .filter { !($0.hasPrefix("fchownat() of \(root.path)/") && $0.hasSuffix("failed: Operation not permitted")) }
            #expect(other.isEmpty, "systemd-tmpfiles --create failed:\n\(result.transcript)")
        }
        for (path, mode) in [("run/corridor", 0o750), ("var/lib/corridor", 0o700)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
            #expect(attributes[.type] as? FileAttributeType == .typeDirectory, "/\(path)")
            #expect((attributes[.posixPermissions] as? Int) == mode, "/\(path) mode \(String(describing: attributes[.posixPermissions]))")
            if isRoot {
                #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == user.uid, "/\(path) owner")
                #expect((attributes[.groupOwnerAccountID] as? NSNumber)?.intValue == user.gid, "/\(path) group")
            }
        }
    }

    @Test("scripts/install-service stages everything under DESTDIR and runs no systemctl")
    func installScriptStages() async throws {
        let fileManager = FileManager.default
        let scratch = try SystemdFixtures.scratchRoot()
        defer { try? fileManager.removeItem(at: scratch) }
        let bin = scratch.appendingPathComponent("bin")
        let fakeTools = scratch.appendingPathComponent("fake-tools")
        let destination = scratch.appendingPathComponent("dest")
        let calls = scratch.appendingPathComponent("calls")
        for directory in [bin, fakeTools, destination] {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        for name in ["corridord", "corridorctl"] {
            try SystemdFixtures.writeExecutable(bin.appendingPathComponent(name), "#!/bin/sh\necho \(name)\n")
        }
        // Any call of these would record itself; with DESTDIR set there must be none.
        for name in ["systemctl", "systemd-sysusers", "systemd-tmpfiles"] {
            try SystemdFixtures.writeExecutable(fakeTools.appendingPathComponent(name), "#!/bin/sh\necho \"\(name) $*\" >>'\(calls.path)'\n")
        }

        var environment: [String: String?] = [
            "BIN_DIR": bin.path,
            "DESTDIR": destination.path,
            "PATH": fakeTools.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ]
        for unset in ["PREFIX", "UNIT_DIR", "SYSUSERS_DIR", "TMPFILES_DIR"] { environment[unset] = .some(nil) }
        let script = SystemdFixtures.packageRoot.appendingPathComponent("scripts/install-service")
        let result = try await Tool.run(script.path, [], environment: environment)
        #expect(result.status == 0, "install-service failed:\n\(result.transcript)")
        #expect(!fileManager.fileExists(atPath: calls.path), "install-service ran: \((try? String(contentsOf: calls, encoding: .utf8)) ?? "")")
        #expect(result.stdout.contains("systemctl enable --now corridord.socket corridord.service"), "\(result.stdout)")

        let expected: [(String, Int)] = [
            ("usr/local/bin/corridord", 0o755),
            ("usr/local/bin/corridorctl", 0o755),
            ("etc/systemd/system/corridord.service", 0o644),
            ("etc/systemd/system/corridord.socket", 0o644),
            ("etc/sysusers.d/corridor.conf", 0o644),
            ("etc/tmpfiles.d/corridor.conf", 0o644),
            ("usr/local/share/doc/corridor/SYSTEMD.md", 0o644),
        ]
        for (path, mode) in expected {
            let attributes = try? fileManager.attributesOfItem(atPath: destination.appendingPathComponent(path).path)
            #expect((attributes?[.posixPermissions] as? Int) == mode, "DESTDIR/\(path): \(String(describing: attributes?[.posixPermissions]))")
        }
        let installed = try String(contentsOf: destination.appendingPathComponent("etc/systemd/system/corridord.service"), encoding: .utf8)
        let source = try String(contentsOf: SystemdFixtures.packageRoot.appendingPathComponent("systemd/corridord.service"), encoding: .utf8)
        #expect(installed == source, "with the default PREFIX the service is installed unchanged")

        // --activate is refused with DESTDIR.
        let refused = try await Tool.run(script.path, ["--activate"], environment: environment)
        #expect(refused.status != 0)
        #expect(!fileManager.fileExists(atPath: calls.path))
    }
}

// MARK: - Fixtures

fileprivate enum SystemdFixtures {
    static let packageRoot = TestProcess.packageRoot

    /// A private copy of systemd/ with ExecStart= pointing at `execStart`,
    /// because `systemd-analyze verify` insists that the command exists.
    static func unitsDirectory(execStart: URL) throws -> URL {
        let directory = try scratchRoot()
        let source = packageRoot.appendingPathComponent("systemd")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            if name == "corridord.service" {
                let original = "ExecStart=/usr/local/bin/corridord\n"
                guard text.contains(original) else { throw FixtureError("no '\(original)' in corridord.service") }
                // % starts a systemd specifier; quote the path in case it has spaces.
                let path = execStart.path.replacingOccurrences(of: "%", with: "%%")
                text = text.replacingOccurrences(of: original, with: "ExecStart=\"\(path)\"\n")
            }
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// Output lines that are about our units. `systemd-analyze` reports
    /// problems as "<file>:<line>: …" or "<unit>: …"; a line that names some
    /// other unit (the host's, pulled in as a dependency) is the host's noise
    /// and ignored. Every other non-empty line counts as ours, so a message
    /// that names no unit at all is not silently dropped.
    static func linesAboutOurUnits(_ output: String, unitsDirectory: URL) -> [String] {
        let unitSuffixes = [".service", ".socket", ".target", ".mount", ".automount", ".swap", ".timer", ".path", ".slice", ".scope", ".device"]
        return output.split(separator: "\n").map(String.init).filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return false }
            if trimmed.contains(unitsDirectory.path) || trimmed.contains("corridor") { return true }
            // "<something>: message" where <something> (minus ":<line>") is a unit or unit file.
            guard let colon = trimmed.firstIndex(of: ":") else { return true }
            let subject = trimmed[..<colon]
            let name = subject.split(separator: "/").last.map(String.init) ?? ""
            let isOtherUnit = unitSuffixes.contains { name.hasSuffix($0) }
            return !isOtherUnit
        }
    }

    static func scratchRoot() throws -> URL {
        let url = URL(fileURLWithPath: try TemporaryDirectory().path, isDirectory: true)
        try FileManager.default.createDirectory(at: url.appendingPathComponent("etc"), withIntermediateDirectories: true)
        return url
    }

    struct Account { let uid: Int; let gid: Int; let home: String }

    static func passwdEntry(_ name: String, root: URL) throws -> Account? {
        let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
        for line in passwd.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 7, fields[0] == name, let uid = Int(fields[2]), let gid = Int(fields[3]) else { continue }
            return Account(uid: uid, gid: gid, home: fields[5])
        }
        return nil
    }

    /// The GID of group `name` in <root>/etc/group.
    static func groupID(_ name: String, root: URL) throws -> Int? {
        let group = try String(contentsOf: root.appendingPathComponent("etc/group"), encoding: .utf8)
        for line in group.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, fields[0] == name, let gid = Int(fields[2]) else { continue }
            return gid
        }
        return nil
    }

    /// Whether this process can chown: a file it creates is owned by its
    /// effective UID.
    static func effectiveUserIsRoot() -> Bool {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-euid-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        let owner = (try? FileManager.default.attributesOfItem(atPath: probe.path))?[.ownerAccountID] as? NSNumber
        return owner?.intValue == 0
    }

    static func writeExecutable(_ url: URL, _ text: String) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }
}

fileprivate struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Running tools

/// systemd's tools as these tests run them: with no pager, no colours and a
/// UTF-8 C locale.
fileprivate enum Tool {
    /// The tool's path, or an error that fails the test: a missing systemd
    /// tool is a broken test environment, not a reason to skip.
    static func require(_ name: String) throws -> String {
        try TestProcess.tool(name, hint: "These tests need systemd's tools (apt-get install systemd; the Makefile's deps target installs it).")
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String?] = [:]) async throws -> ProcessOutcome {
        var environment = environment
        environment["SYSTEMD_PAGER"] = "cat"
        environment["SYSTEMD_COLORS"] = "0"
        environment["LC_ALL"] = "C.UTF-8"
        return try await TestProcess.run(executable, arguments, environment: environment)
    }
}

/// Just enough of systemd's unit-file syntax for the consistency checks:
/// `Key=value` lines, comments, and section headers (ignored; keys in our
/// units are unique across sections).
fileprivate struct UnitFile {
    private var entries: [(key: String, value: String)] = []

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") || line.hasPrefix("[") { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            entries.append((String(line[..<equals]), String(line[line.index(after: equals)...])))
        }
    }

    /// All values of `key`, in order (systemd keys can repeat).
    func values(_ key: String) -> [String] {
        entries.filter { $0.key == key }.map(\.value)
    }
}
