import CorridorReplication
import Testing

@Suite struct PostgresLocationTests {
    struct Good: Sendable, CustomTestStringConvertible {
        let url: String
        let user: String
        let endpoint: PostgresLocation.Endpoint
        let database: String
        var sslMode: PostgresLocation.SSLMode = .prefer
        var password: String? = nil
        var testDescription: String { url }
    }

    @Test(arguments: [
        Good(url: "postgresql://reg@/corridor?host=/run/postgresql", user: "reg",
             endpoint: .unixSocket(directory: "/run/postgresql", port: 5432), database: "corridor"),
        Good(url: "postgresql://reg@%2Frun%2Fpostgresql/corridor", user: "reg",
             endpoint: .unixSocket(directory: "/run/postgresql", port: 5432), database: "corridor"),
        Good(url: "postgresql://reg@/corridor?host=/tmp/s&port=6000", user: "reg",
             endpoint: .unixSocket(directory: "/tmp/s", port: 6000), database: "corridor"),
        Good(url: "postgres://hub:p%40ss%2Fword@db.example.org:6543/registry?sslmode=require", user: "hub",
             endpoint: .tcp(host: "db.example.org", port: 6543), database: "registry", sslMode: .require, password: "p@ss/word"),
        Good(url: "postgresql://hub@[::1]:5433/x?sslmode=disable", user: "hub",
             endpoint: .tcp(host: "::1", port: 5433), database: "x", sslMode: .disable),
        Good(url: "postgresql://hub@10.0.0.7", user: "hub", endpoint: .tcp(host: "10.0.0.7", port: 5432), database: "hub"),
        Good(url: "postgresql:///corridor", user: "alice",
             endpoint: .unixSocket(directory: "/var/run/postgresql", port: 5432), database: "corridor"),
        Good(url: "POSTGRESQL://h%C3%A9l%C3%A8ne@host/caf%C3%A9?user=other&dbname=d2", user: "other",
             endpoint: .tcp(host: "host", port: 5432), database: "d2"),
    ])
    func parsesWhatLibpqAccepts(_ good: Good) throws {
        let location = try PostgresLocation(parsing: good.url, defaultUser: "alice")
        #expect(location.user == good.user)
        #expect(location.endpoint == good.endpoint)
        #expect(location.database == good.database)
        #expect(location.sslMode == good.sslMode)
        #expect(location.password == good.password)
    }

    @Test func readsApplicationNameAndConnectTimeout() throws {
        let location = try PostgresLocation(
            parsing: "postgresql://reg@/corridor?host=/run/postgresql&application_name=corridord%20hub&connect_timeout=3"
        )
        #expect(location.applicationName == "corridord hub")
        #expect(location.connectTimeout == .seconds(3))
        #expect(location.unixSocketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(location.clientConfiguration.unixSocketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(location.clientConfiguration.options.connectTimeout == .seconds(3))
        let tcp = try PostgresLocation(parsing: "postgresql://reg@db:7000/c").clientConfiguration
        #expect(tcp.host == "db")
        #expect(tcp.port == 7000)
        #expect(tcp.username == "reg")
        #expect(tcp.database == "c")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let url: String
        let part: String
        let reason: String
        var defaultUser: String? = "alice"
        var testDescription: String { url }
    }

    @Test(arguments: [
        Bad(url: "mysql://reg@db/corridor", part: "scheme", reason: "\"mysql\" is not postgresql"),
        Bad(url: "reg@db/corridor", part: "scheme", reason: "does not start with postgresql://"),
        Bad(url: "postgresql://reg@db:0/corridor", part: "port", reason: "from 1 to 65535"),
        Bad(url: "postgresql://reg@db:70000/corridor", part: "port", reason: "from 1 to 65535"),
        Bad(url: "postgresql://reg@db:54x2/corridor", part: "port", reason: "\"54x2\""),
        Bad(url: "postgresql://reg@db:/corridor", part: "port", reason: "\"\""),
        Bad(url: "postgresql://reg@db/corridor?port=-1", part: "port", reason: "\"-1\""),
        Bad(url: "postgresql://reg@db/corridor?sslmode=verify-full", part: "parameter sslmode", reason: "not one of disable, prefer, require"),
        Bad(url: "postgresql://reg@db/corridor?target_session_attrs=any", part: "parameter target_session_attrs", reason: "not supported"),
        Bad(url: "postgresql://reg@db/corridor?connect_timeout=0", part: "parameter connect_timeout", reason: "from 1 to 3600"),
        Bad(url: "postgresql://reg@db/corridor?sslmode", part: "parameter sslmode", reason: "no =value"),
        Bad(url: "postgresql://reg@db/corridor?port=1&port=2", part: "parameter port", reason: "given twice"),
        Bad(url: "postgresql:///corridor", part: "user", reason: "$USER is not set", defaultUser: nil),
        Bad(url: "postgresql://reg@db1,db2/corridor", part: "host", reason: "several hosts"),
        Bad(url: "postgresql://reg@[::1/corridor", part: "host", reason: "not closed"),
        Bad(url: "postgresql://reg@/corridor?host=/run/postgresql&sslmode=require", part: "parameter sslmode", reason: "Unix socket"),
        Bad(url: "postgresql://reg@db/a/b", part: "database", reason: "cannot contain /"),
        Bad(url: "postgresql://reg@db/corridor#x", part: "fragment", reason: "no #fragment"),
        Bad(url: "postgresql://reg@db/caf%C3", part: "database", reason: "invalid UTF-8"),
        Bad(url: "postgresql://reg@db/corridor%00", part: "database", reason: "NUL"),
        Bad(url: "postgresql://reg@/c?host=/" + String(repeating: "d", count: 100), part: "host", reason: "107 bytes"),
    ])
    func refusesNamingThePartAndReason(_ bad: Bad) {
        #expect {
            try PostgresLocation(parsing: bad.url, defaultUser: bad.defaultUser)
        } throws: { error in
            guard let error = error as? PostgresLocationError else { return false }
            return error.part == bad.part && error.reason.contains(bad.reason)
                && error.description.contains(bad.part)
        }
    }

    @Test(arguments: [
        "postgresql://alice:SeCrEt%21@db/corridor",
        "postgresql://alice@db/corridor?password=SeCrEt!",
        "postgresql://alice:SeCrEt!@/corridor?host=/run/postgresql",
    ])
    func neverPrintsThePassword(_ url: String) throws {
        let location = try PostgresLocation(parsing: url)
        #expect(location.password == "SeCrEt!")
        #expect(!location.description.contains("SeCrEt"))
        #expect(!location.redacted.contains("SeCrEt"))
        #expect(!"\(location)".contains("SeCrEt"))
        #expect(location.redacted.contains("alice:***@"))
    }

    @Test func aBadPasswordEncodingIsRefusedWithoutQuotingIt() {
        #expect {
            try PostgresLocation(parsing: "postgresql://alice:SeCrEt%zz@db/corridor")
        } throws: { error in
            guard let error = error as? PostgresLocationError else { return false }
            return error.part == "password" && !error.description.contains("SeCrEt")
        }
    }

    @Test func theRedactedFormParsesBackToTheSamePlace() throws {
        for url in [
            "postgresql://reg@/corridor?host=/run/postgresql&port=6000&application_name=a%20b",
            "postgres://hub@[::1]:5433/x?sslmode=require&connect_timeout=4",
            "postgresql://hub@db.example.org/registry",
        ] {
            let location = try PostgresLocation(parsing: url)
            #expect(try PostgresLocation(parsing: location.redacted) == location, "\(location.redacted)")
        }
    }
}
