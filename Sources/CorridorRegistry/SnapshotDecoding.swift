import CorridorModel

/// A snapshot's payload is a stream of entries, each after its length (4
/// bytes, little-endian). Counted first, so the state makes room for them all
/// before the first is decoded; the count also checks every length, so the
/// decoding loop reads only lengths that are known to fit.
enum SnapshotDecoding {
    /// How many entries the payload holds. DATA_LOSS for a length that is cut
    /// short or runs past the end.
    static func entryCount(_ payload: [UInt8]) throws(RegistryError) -> Int {
        var entries = 0
        var offset = 0
        let count = payload.count
        while offset < count {
            guard count - offset >= 4 else {
                throw RegistryError.dataLoss("snapshot entry header cut short at byte \(offset)")
            }
            let length = Self.length(at: offset, in: payload)
            offset += 4
            guard length <= count - offset else {
                throw RegistryError.dataLoss("snapshot entry of \(length) bytes at byte \(offset) runs past the end")
            }
            offset += length
            entries += 1
        }
        return entries
    }

    /// The length prefix at `offset` (four bytes there, as entryCount checked).
    @inline(__always)
    static func length(at offset: Int, in payload: [UInt8]) -> Int {
        Int(UInt32(payload[offset]) | UInt32(payload[offset + 1]) << 8 | UInt32(payload[offset + 2]) << 16 | UInt32(payload[offset + 3]) << 24)
    }
}
