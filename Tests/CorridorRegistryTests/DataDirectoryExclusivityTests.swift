@testable import CorridorRegistry
import CorridorModel
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Foundation
import Glibc
import Testing

/// One registry per data directory: a second is refused, naming the
/// directory and the holder's pid, and the first goes on undisturbed.
@Suite struct DataDirectoryExclusivityTests {
    @Test func aSecondRegistryOnTheSameDirectoryIsRefusedNamingTheDirectoryAndPid() async throws {
        try await withTemporaryDirectory { directory in
            let first = try openRegistry(directory)
            try await World.seed(first)
            let before = await first.currentState

            var refusal: (any Error)?
            do {
                _ = try Registry.open(dataDirectory: directory, recordCoding: testRecordCoding, options: smallSegmentOptions(), logger: quietLogger)
            } catch {
                refusal = error
            }
            let error = try #require(refusal as? StoreError, "the second open was \(String(describing: refusal))")
            #expect(error.kind == .locked)
            #expect(error.description.contains(directory), "\(error)")
            #expect(error.description.contains("pid \(getpid())"), "\(error)")

            // The refused open disturbed nothing: the first registry still
            // writes, and the lock file still names its holder.
            _ = try await first.registerParty(Party(id: "after", shortName: "After", kind: .ngo), actor: registrar)
            #expect(await first.currentState.lastSequence == before.lastSequence + 1)
            #expect(try String(contentsOfFile: directory + "/LOCK", encoding: .utf8) == "\(getpid())\n")
            await first.close()
        }
    }

    @Test func theDirectoryIsFreeOnceTheFirstRegistryIsGone() async throws {
        try await withTemporaryDirectory { directory in
            let lastSequence = try await withRegistryReleasedAfterwards(directory) { registry in
                try await World.seed(registry)
                await registry.close()
                return await registry.currentState.lastSequence
            }
            let second = try openRegistry(directory)
            #expect(await second.currentState.lastSequence == lastSequence)
            await second.close()
        }
    }
}
