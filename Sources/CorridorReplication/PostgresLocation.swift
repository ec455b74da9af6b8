import Foundation
import PostgresNIO

/// Where the replica store lives: a `postgresql://` (or `postgres://`) URL
/// read as libpq reads it, for the parts Corridor supports
/// (docs/REPLICATION.md "Where PostgreSQL is"):
///
///     postgresql://[user[:password]@][host][:port][/database][?parameter=value&…]
///
/// The host is a name, an IPv4 address or a bracketed IPv6 address for TCP;
/// a host that starts with `/` (given as `?host=/run/postgresql`, or
/// percent-encoded in the authority as `%2Frun%2Fpostgresql`) is the
/// directory of a Unix socket, whose file is `DIR/.s.PGSQL.PORT`. With no
/// host, the socket directory is Debian's `/var/run/postgresql`, as libpq's.
/// Every part is percent-decoded. Anything Corridor does not support is
/// refused, naming the part and why, never ignored.
///
/// The password never appears in `description` or `redacted`: both are the
/// URL rebuilt from its parts with the password as `***`, for logs and status.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection reaches the server.
    public enum Endpoint: Sendable, Equatable {
        /// A TCP connection to `host` (a name or an address) and `port`.
        case tcp(host: String, port: Int)
        /// The Unix socket `directory/.s.PGSQL.<port>`.
        case unixSocket(directory: String, port: Int)
    }

    /// Whether to use TLS, as libpq's `sslmode` (only these three).
    public enum SSLMode: String, Sendable, Equatable, CaseIterable {
        /// Never.
        case disable
        /// When the server offers it (libpq's default); never on a Unix socket.
        case prefer
        /// Always over TCP: a server without TLS is refused. As libpq
        /// without a root certificate, the connection is encrypted but the
        /// server's certificate is not verified. On a Unix socket, refused:
        /// PostgreSQL offers no TLS there.
        case require
    }

    public var user: String
    /// Never printed; `nil` when the URL gives none (trust, peer or a
    /// password file on the server side).
    public var password: String?
    public var endpoint: Endpoint
    public var database: String
    public var sslMode: SSLMode
    /// Shown in `pg_stat_activity`; `nil` when the URL gives none.
    public var applicationName: String?
    /// How long a connection attempt may take before the server counts as unreachable.
    public var connectTimeout: Duration

    /// libpq's default port.
    public static let defaultPort = 5432
    /// libpq's default socket directory on Debian.
    public static let defaultSocketDirectory = "/var/run/postgresql"
    /// When the URL gives no `connect_timeout`.
    public static let defaultConnectTimeout: Duration = .seconds(10)

    /// Parses `url`. `defaultUser` is the user when the URL names none (libpq
    /// takes the operating system's user; by default `$USER` here).
    public init(parsing url: String, defaultUser: String? = ProcessInfo.processInfo.environment["USER"]) throws(PostgresLocationError) {
        var rest = Substring(url)
        guard let schemeEnd = rest.range(of: "://") else {
            throw PostgresLocationError(part: "scheme", "it does not start with postgresql:// or postgres://")
        }
        let scheme = rest[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgresql" || scheme == "postgres" else {
            throw PostgresLocationError(part: "scheme", "\"\(scheme)\" is not postgresql or postgres")
        }
        rest = rest[schemeEnd.upperBound...]
        if rest.contains("#") {
            throw PostgresLocationError(part: "fragment", "a PostgreSQL URL has no #fragment")
        }

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring?
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        // The authority: [user[:password]@]hostport. The last @ ends the
        // user part, as in libpq, so an unencoded @ in a password still works.
        var userPart: Substring?
        var hostPart = rest
        if let at = rest.lastIndex(of: "@") {
            userPart = rest[..<at]
            hostPart = rest[rest.index(after: at)...]
        }

        var user: String?
        var password: String?
        if let userPart {
            if let colon = userPart.firstIndex(of: ":") {
                user = try Self.decode(userPart[..<colon], part: "user")
                password = try Self.decode(userPart[userPart.index(after: colon)...], part: "password")
            } else {
                user = try Self.decode(userPart, part: "user")
            }
            if user?.isEmpty == true { user = nil }
        }

        var host: String?
        var port: Int?
        if hostPart.contains(",") {
            throw PostgresLocationError(part: "host", "several hosts are not supported; give one")
        }
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else {
                throw PostgresLocationError(part: "host", "an IPv6 address opened with [ is not closed with ]")
            }
            host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            let after = hostPart[hostPart.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw PostgresLocationError(part: "host", "only :port may follow the IPv6 address in brackets")
                }
                port = try Self.port(String(after.dropFirst()))
            }
        } else if let colon = hostPart.lastIndex(of: ":") {
            host = try Self.decode(hostPart[..<colon], part: "host")
            port = try Self.port(String(hostPart[hostPart.index(after: colon)...]))
        } else if !hostPart.isEmpty {
            host = try Self.decode(hostPart, part: "host")
        }
        if host?.isEmpty == true { host = nil }

        var database: String?
        if let path, !path.isEmpty {
            if path.contains("/") {
                throw PostgresLocationError(part: "database", "a database name cannot contain / (percent-encode it as %2F)")
            }
            database = try Self.decode(path, part: "database")
        }

        var sslMode = SSLMode.prefer
        var applicationName: String?
        var connectTimeout = Self.defaultConnectTimeout
        var seen: Set<String> = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else {
                throw PostgresLocationError(part: "parameter \(pair)", "it has no =value")
            }
            let name = try Self.decode(pair[..<equals], part: "a parameter name")
            let value = try Self.decode(pair[pair.index(after: equals)...], part: "parameter \(name)")
            guard seen.insert(name).inserted else {
                throw PostgresLocationError(part: "parameter \(name)", "it is given twice")
            }
            switch name {
            case "host": host = value.isEmpty ? nil : value
            case "port": port = try Self.port(value)
            case "user": user = value.isEmpty ? nil : value
            case "password": password = value
            case "dbname": database = value.isEmpty ? nil : value
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw PostgresLocationError(
                        part: "parameter sslmode",
                        "\"\(value)\" is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                sslMode = mode
            case "application_name": applicationName = value
            case "connect_timeout":
                guard let seconds = Int(value), (1...3600).contains(seconds) else {
                    throw PostgresLocationError(part: "parameter connect_timeout", "\"\(value)\" is not a whole number of seconds from 1 to 3600")
                }
                connectTimeout = .seconds(seconds)
            default:
                throw PostgresLocationError(
                    part: "parameter \(name)",
                    "it is not supported (supported: host, port, user, password, dbname, sslmode, application_name, connect_timeout)"
                )
            }
        }

        guard let user = user ?? defaultUser.flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw PostgresLocationError(part: "user", "the URL names no user and $USER is not set; write postgresql://USER@…")
        }
        let resolvedPort = port ?? Self.defaultPort
        let endpoint: Endpoint
        let resolvedHost = host ?? Self.defaultSocketDirectory
        if resolvedHost.hasPrefix("/") {
            // sockaddr_un holds 107 bytes and a NUL.
            let socketPath = resolvedHost + "/.s.PGSQL.\(resolvedPort)"
            guard socketPath.utf8.count <= 107 else {
                throw PostgresLocationError(part: "host", "the socket path \(socketPath) is longer than the 107 bytes a Unix socket path may have")
            }
            if sslMode == .require {
                throw PostgresLocationError(part: "parameter sslmode", "require cannot be met on a Unix socket (PostgreSQL offers no TLS there); use prefer or disable")
            }
            endpoint = .unixSocket(directory: resolvedHost, port: resolvedPort)
        } else {
            endpoint = .tcp(host: resolvedHost, port: resolvedPort)
        }

        self.user = user
        self.password = password
        self.endpoint = endpoint
        self.database = database ?? user
        self.sslMode = sslMode
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
    }

    /// The URL rebuilt from its parts, with `***` for a password.
    public var redacted: String {
        var text = "postgresql://" + Self.encode(user)
        if password != nil { text += ":***" }
        text += "@"
        var parameters: [String] = []
        switch endpoint {
        case .tcp(let host, let port):
            text += host.contains(":") ? "[\(host)]" : Self.encode(host)
            text += ":\(port)"
        case .unixSocket(let directory, let port):
            parameters.append("host=" + Self.encode(directory))
            if port != Self.defaultPort { parameters.append("port=\(port)") }
        }
        text += "/" + Self.encode(database)
        if sslMode != .prefer { parameters.append("sslmode=\(sslMode.rawValue)") }
        if let applicationName { parameters.append("application_name=" + Self.encode(applicationName)) }
        if connectTimeout != Self.defaultConnectTimeout { parameters.append("connect_timeout=\(connectTimeout.components.seconds)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    public var description: String { redacted }

    /// The socket file for a Unix-socket endpoint, nil for TCP.
    public var unixSocketPath: String? {
        guard case .unixSocket(let directory, let port) = endpoint else { return nil }
        return directory + "/.s.PGSQL.\(port)"
    }

    /// The same place as PostgresNIO's pool configuration, for a caller that
    /// wants a `PostgresClient` of its own (ReplicaStore opens its own
    /// connections: see ReplicaStore).
    public var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: clientTLS
            )
        case .unixSocket:
            configuration = PostgresClient.Configuration(
                unixSocketPath: unixSocketPath ?? "", username: user, password: password, database: database
            )
        }
        configuration.options.connectTimeout = connectTimeout
        if let applicationName { configuration.options.additionalStartupParameters = [("application_name", applicationName)] }
        return configuration
    }

    /// The configuration of one connection, with its TLS context made once
    /// (making one reads the system's trust store).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            switch sslMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.libpqTLS))
            case .require: tls = .require(try NIOSSLContext(configuration: Self.libpqTLS))
            }
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls
            )
        case .unixSocket:
            configuration = PostgresConnection.Configuration(
                unixSocketPath: unixSocketPath ?? "", username: user, password: password, database: database
            )
        }
        // Whole seconds from the URL (1 to 3600); a value set in code is capped, never trapped on.
        let seconds = min(max(connectTimeout.components.seconds, 0), 86_400)
        configuration.options.connectTimeout = .nanoseconds(seconds * 1_000_000_000 + connectTimeout.components.attoseconds / 1_000_000_000)
        if let applicationName { configuration.options.additionalStartupParameters = [("application_name", applicationName)] }
        return configuration
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(Self.libpqTLS)
        case .require: .require(Self.libpqTLS)
        }
    }

    /// libpq's `prefer` and `require`: encrypted, the certificate not verified.
    private static var libpqTLS: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    private static func port(_ text: String) throws(PostgresLocationError) -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let port = Int(text), (1...65535).contains(port) else {
            throw PostgresLocationError(part: "port", "\"\(text)\" is not a number from 1 to 65535")
        }
        return port
    }

    /// Percent-decoding as libpq's: `%XX` with two hex digits, the result UTF-8.
    private static func decode(_ text: Substring, part: String) throws(PostgresLocationError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw PostgresLocationError(part: part, "a % is not followed by two hexadecimal digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self), !decoded.contains("\0") else {
            throw PostgresLocationError(part: part, "its percent-encoding does not decode to text (invalid UTF-8 or a NUL)")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A replica store URL that cannot be used: which part, and why. Never
/// quotes the password.
public struct PostgresLocationError: Error, CustomStringConvertible, Equatable {
    /// The part of the URL at fault: `scheme`, `user`, `host`, `port`,
    /// `database`, `parameter sslmode`…
    public let part: String
    public let reason: String

    init(part: String, _ reason: String) {
        self.part = part
        self.reason = reason
    }

    public var description: String { "the PostgreSQL URL's \(part) is not valid: \(reason)" }
}
