@testable import CorridorStore
import CorridorTestSupport
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
            #expect(error.kind == .locked)
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
            #expect(error.kind == .io)
        }
    }

    /// Issue 8, finding 3: with the lock on DIR/LOCK, deleting the file let a
    /// second daemon lock a new one and write the same segments (50 of 100
    /// acknowledged writes lost). The lock is on the directory itself now.
    @Test func aDeletedLockFileDoesNotLetASecondStoreOpenTheDirectory() async throws {
        try await withTemporaryDirectory { directory in
            let first = try StoreDirectoryLock(directory: directory)
            try FileManager.default.removeItem(atPath: directory + "/" + DataDirectoryLock.fileName)
            let error = try #require(throws: StoreError.self) { _ = try StoreDirectoryLock(directory: directory) }
            #expect(error.kind == .locked)
            #expect(error.description.contains(directory))
            _ = first
        }
    }

    @Test func inspectSeesTheLockAfterTheLockFileIsDeleted() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory + "/" + DataDirectoryLayout.segments, withIntermediateDirectories: true)
            let lock = try StoreDirectoryLock(directory: directory)
            try FileManager.default.removeItem(atPath: directory + "/" + DataDirectoryLock.fileName)
            let inspector = try DataDirectoryInspector(directory: directory)
            #expect(inspector.lockState().mayBeInUse)
            _ = lock
        }
    }
}
