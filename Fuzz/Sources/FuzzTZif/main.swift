@testable import CorridorTimeZones
import FuzzSupport

// The TZif reader over arbitrary bytes (a damaged or hostile file under
// TZDIR), and the zone it reads asked for offsets and local times across
// the years the calendar covers (1 to 9999), at and around each transition.

/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
private let earliest: Int64 = -62_135_596_800
private let latest: Int64 = 253_402_300_799

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTZif(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let zone = TimeZoneDatabase.parseTZif(bytes, name: "Fuzz/Zone") else { return 0 }
    var instants: [Int64] = [earliest, -2_208_988_800, -1, 0, 1_000_000_000, 1_795_256_100, 4_102_444_800, latest]
    for transition in zone.transitions.prefix(64) where transition > earliest + 86_400 && transition < latest - 86_400 {
        instants += [transition - 1, transition, transition + 1]
    }
    for instant in instants {
        let offset = zone.offset(atUnixSeconds: instant)
        _ = zone.unixSeconds(forLocalSeconds: instant)
        _ = zone.unixSeconds(forLocalSeconds: instant &+ Int64(offset))
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        // Real zones of the system's database: north and south of the
        // equator, with and without daylight time, one with a long history.
        let names = ["UTC", "Asia/Damascus", "Asia/Gaza", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Africa/Khartoum"]
        var seeds: [(name: String, bytes: [UInt8])] = []
        for name in names {
            guard let bytes = FuzzSeeds.read(TimeZoneDatabase.directory + "/" + name) else {
                throw FuzzSeeds.WriteError(description: "no zone \(name) under \(TimeZoneDatabase.directory) (install tzdata)")
            }
            seeds.append((name.replacingSlashes(), bytes))
        }
        return seeds
    }
    return 0
}

extension String {
    fileprivate func replacingSlashes() -> String { String(map { $0 == "/" ? "-" : $0 }) }
}
