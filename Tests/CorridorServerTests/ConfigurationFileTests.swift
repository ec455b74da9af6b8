import CorridorRegistry
import CorridorServer
import Foundation
import Logging
import Testing
import CorridorTestSupport

/// ConfigurationFile.parse: the configuration file's bytes to settings, or
/// one error naming the key (with the nearest valid one for a typo), the
/// line and the column. Issue 8, finding 4.
@Suite struct ConfigurationFileTests {
    private func parse(_ text: String) throws(ConfigurationError) -> ConfigurationFile {
        try ConfigurationFile.parse(Array(text.utf8))
    }

    private func failure(_ bytes: [UInt8]) -> ConfigurationError? {
        do {
            _ = try ConfigurationFile.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ text: String) -> ConfigurationError? { failure(Array(text.utf8)) }

    @Test func everyDocumentedKeyIsRead() throws {
        let file = try parse("""
            {
              "socket": "/run/corridor/corridord.sock",
              "socketMode": "0660",
              "dataDirectory": "/var/lib/corridor",
              "accessPolicy": "/etc/corridor/access.toml",
              "logLevel": "debug",
              "limits": {
                "maxFrameBytes": 8192, "maxConcurrentCalls": 7, "keepaliveIntervalMilliseconds": 0,
                "maxTimeoutMilliseconds": 9, "outputHighWaterBytes": 2048, "outputLowWaterBytes": 1024,
                "drainTimeoutMilliseconds": 11
              },
              "store": { "segmentBytes": 131072, "snapshotEveryEvents": 12, "snapshotIntervalSeconds": 13 }
            }
            """)
        #expect(file.socket == "/run/corridor/corridord.sock")
        #expect(file.socketMode == 0o660)
        #expect(file.dataDirectory == "/var/lib/corridor")
        #expect(file.accessPolicy == "/etc/corridor/access.toml")
        #expect(file.logLevel == .debug)
        #expect(file.limits?.maxFrameBytes == 8192)
        #expect(file.limits?.maxConcurrentCalls == 7)
        #expect(file.limits?.keepaliveIntervalMilliseconds == 0)
        #expect(file.limits?.maxTimeoutMilliseconds == 9)
        #expect(file.limits?.outputHighWaterBytes == 2048)
        #expect(file.limits?.outputLowWaterBytes == 1024)
        #expect(file.limits?.drainTimeoutMilliseconds == 11)
        #expect(file.store?.segmentBytes == 131072)
        #expect(file.store?.snapshotEveryEvents == 12)
        #expect(file.store?.snapshotIntervalSeconds == 13)
    }

    /// The key file and retention (issue 11): a path, and whole days from 1
    /// to a century; 0 or more is refused naming the key.
    @Test func theKeyFileAndRetentionAreReadAndChecked() throws {
        let file = try parse(#"{"keyFile": "/etc/corridor/personal-data.key", "retention": {"personalAfterClosedDays": 365}}"#)
        #expect(file.keyFile == "/etc/corridor/personal-data.key")
        #expect(file.retention?.personalAfterClosedDays == 365)
        #expect(try parse(#"{"retention": {}}"#).retention == RetentionSettings())
        for (text, fragment) in [
            (#"{"retention": {"personalAfterClosedDays": 0}}"#, "`retention.personalAfterClosedDays`: must be at least 1 day"),
            (#"{"retention": {"personalAfterClosedDays": 36501}}"#, "`retention.personalAfterClosedDays`"),
            (#"{"retention": {"personalAfterCloseDays": 3}}"#, "did you mean `personalAfterClosedDays`?"),
            (#"{"retention": 365}"#, "`retention`: must be an object"),
        ] {
            let error = try #require(failure(text), "\(text)")
            #expect(error.description.contains(fragment), "\(text): \(error)")
        }
    }

    /// Replication (docs/REPLICATION.md): the URLs as text (corridord checks
    /// them), the mode by name; a server is a primary or a follower, not both.
    @Test func replicationIsReadAndChecked() throws {
        let file = try parse(#"{"replication": {"replicateTo": "postgresql://corridor@/corridor?host=/run/postgresql", "mode": "sync", "node": "office-1"}}"#)
        #expect(file.replication == ReplicationSettings(replicateTo: "postgresql://corridor@/corridor?host=/run/postgresql", mode: .sync, node: "office-1"))
        #expect(try parse(#"{"replication": {"follow": "postgresql://corridor@hub.example/corridor"}}"#).replication?.follow == "postgresql://corridor@hub.example/corridor")
        #expect(try parse(#"{"replication": null}"#).replication == nil)
        for (text, fragment) in [
            (#"{"replication": {"replicateTo": "postgresql://a@/b", "follow": "postgresql://a@/b"}}"#, "has both replicateTo and follow"),
            (#"{"replication": {"mode": "eventually"}}"#, "`replication.mode`: \"eventually\" is not one of async, sync"),
            (#"{"replication": {"node": ""}}"#, "`replication.node`: is empty"),
            (#"{"replication": {"replicate_to": "x"}}"#, "did you mean `replicateTo`?"),
            (#"{"replication": "postgresql://a@/b"}"#, "`replication`: must be an object"),
        ] {
            let error = try #require(failure(text), "\(text)")
            #expect(error.description.contains(fragment), "\(text): \(error)")
        }
    }

    /// docs/CONFIGURATION.md shows every key with its default: the example must
    /// parse, and say nothing but the defaults.
    @Test func theDocumentedExampleParsesToTheDefaults() throws {
        let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let document = try #require(try? String(contentsOfFile: "/" + root + "/docs/CONFIGURATION.md", encoding: .utf8))
        let start = try #require(document.range(of: "```json\n"))
        let end = try #require(document.range(of: "```", range: start.upperBound..<document.endIndex))
        let file = try parse(String(document[start.upperBound..<end.lowerBound]))
        #expect(file.limits == ServerLimits())
        #expect(file.store == StoreSettings())
        #expect(file.socketMode == 0o660)
        #expect(file.logLevel == .info)
    }

    @Test func anEmptyObjectAndNullsKeepTheDefaults() throws {
        #expect(try parse("{}") == ConfigurationFile())
        #expect(try parse(#"{"socket": null, "limits": null, "store": {"segmentBytes": null}}"#).store == StoreSettings())
        #expect(try parse("\u{FEFF}{ }\n") == ConfigurationFile())
    }

    @Test(arguments: [
        (#"{"sockt": "/x"}"#, "unknown key `sockt`; did you mean `socket`?"),
        (#"{"limits": {"maxFrameByte": 4096}}"#, "unknown key `limits.maxFrameByte`; did you mean `maxFrameBytes`?"),
        (#"{"store": {"segmentByte": 65536}}"#, "unknown key `store.segmentByte`; did you mean `segmentBytes`?"),
        (#"{"LogLevel": "info"}"#, "unknown key `LogLevel`; did you mean `logLevel`?"),
        (#"{"colour": "blue"}"#, "unknown key `colour`; the keys here are `socket`, `socketMode`"),
    ])
    func aMisspelledKeyAtAnyLevelIsRefusedWithTheNearestValidOne(text: String, message: String) {
        let problem = failure(text)
        #expect(problem?.description.contains(message) == true, "\(String(describing: problem))")
    }

    @Test func theErrorSaysWhereInTheFile() throws {
        let text = "{\n  \"limits\": {\n    \"maxFrameBytes\": 4096,\n    \"drainTimeout\": 5\n  }\n}\n"
        let problem = try #require(failure(text))
        #expect(problem.line == 4)
        #expect(problem.column == 5)
        #expect(problem.inFile("/etc/corridor/corridord.json").description.hasPrefix("/etc/corridor/corridord.json, line 4, column 5: unknown key `limits.drainTimeout`"))
    }

    @Test(arguments: [
        (#"{"logLevel": "info""#, "not valid JSON"),
        ("", "empty"),
        ("[]", "one JSON object"),
        (#"{"socket": "/x",}"#, "not valid JSON"),
        (#"{"socket": "/x"} {}"#, "more after the configuration object"),
        (#"{"socket": "/x", "socket": "/y"}"#, "appears twice"),
        (#"{"logLevel": 5}"#, "`logLevel`: must be a string"),
        (#"{"limits": 5}"#, "`limits`: must be an object"),
        (#"{"limits": {"maxFrameBytes": -1}}"#, "`limits.maxFrameBytes`: -1 is not between 0 and 4294967295"),
        (#"{"limits": {"maxFrameBytes": 4294967296}}"#, "not between 0 and 4294967295"),
        (#"{"limits": {"maxFrameBytes": 99999999999999999999999}}"#, "not between 0 and 4294967295"),
        (#"{"limits": {"maxFrameBytes": 4096.5}}"#, "whole number"),
        (#"{"limits": {"maxFrameBytes": 1e6}}"#, "whole number"),
        (#"{"limits": {"maxFrameBytes": 10}}"#, "`limits.maxFrameBytes`: must be at least 1024"),
        (#"{"store": {"snapshotIntervalSeconds": 18446744073709551615}}"#, "`store.snapshotIntervalSeconds`"),
        (#"{"store": {"segmentBytes": 1000}}"#, "`store.segmentBytes`"),
        (#"{"logLevel": "loud"}"#, "\"loud\" is not one of"),
        (#"{"socket": ""}"#, "`socket`: is empty"),
        (#"{"dataDirectory": ""}"#, "`dataDirectory`: is empty"),
        (#"{"accessPolicy": ""}"#, "`accessPolicy`: is empty"),
        (#"{"socketMode": "999"}"#, "`socketMode`: \"999\" is not an octal mode"),
        (#"{"socketMode": "4777"}"#, "`socketMode`: \"4777\" is not an octal mode"),
    ])
    func aBadValueOrBadJSONIsOneSentence(text: String, fragment: String) {
        let problem = failure(text)
        #expect(problem?.description.contains(fragment) == true, "\(String(describing: problem))")
    }

    // Issue 8, finding 3: "0666" was accepted, opening the socket to every local user.
    @Test(arguments: ["0666", "0604", "0602", "0601", "0777", "7"])
    func aSocketModeThatLetsOthersInIsRefused(mode: String) {
        let problem = failure(#"{"socketMode": "\#(mode)"}"#)
        #expect(problem?.key == "socketMode")
        #expect(problem?.description.contains("gives other users access") == true, "\(String(describing: problem))")
    }

    @Test(arguments: ["0660", "0600", "0640", "0700", "660"])
    func aSocketModeForOwnerAndGroupIsAccepted(mode: String) throws {
        #expect(try parse(#"{"socketMode": "\#(mode)"}"#).socketMode != nil)
    }

    @Test func aNULInAStringIsRefusedNamingTheKey() {
        let escaped = failure(#"{"dataDirectory": "/var/lib/corridor\u0000/x"}"#)
        #expect(escaped?.key == "dataDirectory")
        #expect(escaped?.description.contains("NUL") == true)
        let raw = failure(Array(#"{"socket": "/run/x"#.utf8) + [0] + Array(#"y"}"#.utf8))
        #expect(raw?.key == "socket")
        #expect(raw?.description.contains("NUL") == true)
    }

    @Test func invalidUTF8InAStringIsRefusedNamingTheKey() {
        let broken = failure(Array(#"{"dataDirectory": "/var/"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
        #expect(broken?.key == "dataDirectory")
        #expect(broken?.description.contains("not valid UTF-8") == true)
        let loneSurrogate = failure(#"{"socket": "/run/\uD800"}"#)
        #expect(loneSurrogate?.key == "socket")
        #expect(loneSurrogate?.description.contains("not valid UTF-8") == true)
        #expect(try! parse(#"{"socket": "/run/\u00e9\uD83D\uDE00"}"#).socket == "/run/é😀")
    }

    @Test func deepNestingIsAnErrorNotARecursion() {
        let deep = #"{"limits": "# + String(repeating: "[", count: 100_000)
        #expect(failure(deep)?.description.contains("must be an object") == true)
        let deepKey = String(repeating: "{", count: 100_000)
        #expect(failure(deepKey) != nil)
    }

    /// What a fuzzer would do, seeded: mutations of a valid file and plain
    /// noise. Every input ends in a value or an error; a trap ends the test run.
    @Test(arguments: [1, 2, 3, 42, 0xC0FFEE] as [UInt64])
    func noInputTraps(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let valid = Array("""
            {"socket": "/run/corridor/corridord.sock", "socketMode": "0660", "logLevel": "info",
             "limits": {"maxFrameBytes": 4194304, "outputLowWaterBytes": 262144}, "store": {"segmentBytes": 67108864}}
            """.utf8)
        let alphabet = Array(#"{}[]":,-0123456789.eE\u"nultrfase /"#.utf8) + [0, 0x80, 0xC3, 0xFF, 0x0A]
        for _ in 0..<2000 {
            var bytes = valid
            for _ in 0..<(1 + Int(random.next() % 8)) {
                let position = Int(random.next() % UInt64(bytes.count + 1))
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 3 {
                case 0 where position < bytes.count: bytes[position] = byte
                case 1 where position < bytes.count: bytes.remove(at: position)
                default: bytes.insert(byte, at: position)
                }
            }
            _ = failure(bytes)
            let noise = (0..<Int(random.next() % 64)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            _ = failure(noise)
        }
    }
}

