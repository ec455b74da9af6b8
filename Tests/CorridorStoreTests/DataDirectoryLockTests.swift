@testable import CorridorStore
import Foundation
import Glibc
import Testing

/// One daemon per data directory: a second locker is refused with
/// FAILED_PRECONDITION naming the holder's pid, and the lock goes with its holder.
@Suite struct DataDirectoryLockTests {
    @Test func aSecondLockerIsRefusedWithTheHoldersPid() async throws {
        try await withTemporaryDirectory { directory in
            let first = try DataDirectoryLock(directory: directory)
            // flock locks belong to open file descriptions: a second open in
            // this process conflicts as another process would.
            let error = try #require(throws: StoreError.self) { _ = try DataDirectoryLock(directory: directory) }
            #expect(error.kind == .locked)
            #expect(error.rpcStatus.code == .failedPrecondition)
            #expect(error.description.contains("pid \(getpid())"), "\(error)")
            #expect(error.description.contains(directory))
            #expect(DataDirectoryLock.holder(of: directory) == getpid())
            // The refused attempt did not disturb the holder's record.
            #expect(try String(contentsOfFile: directory + "/LOCK", encoding: .utf8) == "\(getpid())\n")
            _ = consume first
        }
    }

    @Test func theLockIsFreeOnceItsHolderIsGone() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let first = try DataDirectoryLock(directory: directory)
                _ = consume first
            }
            let second = try DataDirectoryLock(directory: directory)
            #expect(DataDirectoryLock.holder(of: directory) == getpid())
            _ = consume second
        }
    }

    @Test func aLockInAMissingDirectoryIsAnIOErrorNotLocked() async throws {
        try await withTemporaryDirectory { directory in
            let error = try #require(throws: StoreError.self) { _ = try DataDirectoryLock(directory: directory + "/absent") }
            #expect(error.kind == .io)
            #expect(error.rpcStatus.code == .internal)
        }
    }
}
