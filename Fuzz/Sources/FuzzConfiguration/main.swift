import CorridorServer
import FuzzSupport

// corridord's JSON configuration file over arbitrary bytes: every file is a
// configuration or one ConfigurationError naming where and why, never a
// crash. What a parsed file says is then checked as the daemon checks it.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    do {
        let file = try ConfigurationFile.parse(bytes)
        if let store = file.store { _ = store.violations() }
        _ = file.limits
    } catch {
        _ = error.description
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        // docs/CONFIGURATION.md's example: every key, at its default.
        let everyKey = """
        {
          "socket": "/run/corridor/corridord.sock",
          "socketMode": "0660",
          "dataDirectory": "/var/lib/corridor",
          "logLevel": "info",
          "limits": {
            "maxFrameBytes": 4194304,
            "maxConcurrentCalls": 4096,
            "keepaliveIntervalMilliseconds": 30000,
            "maxTimeoutMilliseconds": 0,
            "outputHighWaterBytes": 1048576,
            "outputLowWaterBytes": 262144,
            "drainTimeoutMilliseconds": 10000
          },
          "store": {
            "segmentBytes": 67108864,
            "snapshotEveryEvents": 50000,
            "snapshotIntervalSeconds": 300
          }
        }
        """
        let misspelled = #"{"store": {"segmentByte": 65536}, "logLevel": "debug"}"#
        let worldSocket = #"{"socketMode": "0666", "socket": "/tmp/c\u0000.sock"}"#
        let escapes = #"{"dataDirectory": "/var/lib/corr\u00efdor/\ud83d\ude91", "socket": "a\"b\\c\/d\n"}"#
        return [
            ("every-key.json", Array(everyKey.utf8)),
            ("misspelled.json", Array(misspelled.utf8)),
            ("world-socket.json", Array(worldSocket.utf8)),
            ("escapes.json", Array(escapes.utf8)),
            ("empty.json", Array("{}".utf8)),
        ]
    }
    return 0
}
