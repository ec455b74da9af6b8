/// Resident memory per million cases: VmRSS of a child that opened the N-case
/// registry, less VmRSS of a child that opened an empty one (the same binary,
/// libraries and runtime), scaled to a million. Measured right after
/// Registry.open returns, and again after malloc_trim(0) gives back what the
/// open freed (replay's decoded events, the snapshot file's bytes). The
/// file-backed part is mostly the log's pages mapped during the scan: page
/// cache the kernel can drop, not heap.
enum RegistryMemory {
    struct PerMillion: Sendable {
        var residentMiB: Double
        var anonymousMiB: Double
        var fileMiB: Double
        var residentTrimmedMiB: Double
        var anonymousTrimmedMiB: Double
    }

    static func perMillion(opened: StorageChild.Report, empty: StorageChild.Report, cases: Int) -> PerMillion? {
        guard let after = opened.memoryAfter, let trimmed = opened.memoryTrimmed,
              let base = empty.memoryAfter, let baseTrimmed = empty.memoryTrimmed, cases > 0 else { return nil }
        let scale = 1_000_000 / Double(cases) / 1024
        return PerMillion(
            residentMiB: Double(after.residentKiB - base.residentKiB) * scale,
            anonymousMiB: Double(after.anonymousKiB - base.anonymousKiB) * scale,
            fileMiB: Double(after.fileKiB - base.fileKiB) * scale,
            residentTrimmedMiB: Double(trimmed.residentKiB - baseTrimmed.residentKiB) * scale,
            anonymousTrimmedMiB: Double(trimmed.anonymousKiB - baseTrimmed.anonymousKiB) * scale
        )
    }
}
