@testable import CorridorReplication
import Testing

/// The follower's wake-ups: a signal ends a wait, a signal given before a
/// wait is kept for it, and a wait ended by a signal leaves nothing behind
/// (its cancelled timer used to leave a signal pending, so that every later
/// wait returned at once and a follower spun on PostgreSQL at full CPU).
@Suite struct WakeupTests {
    @Test func aSignalGivenBeforeTheWaitEndsItAndIsUsedUp() async {
        let wakeup = Wakeup()
        wakeup.signal()
        #expect(wakeup.isPending)
        await wakeup.wait(upTo: .seconds(3600))
        #expect(!wakeup.isPending, "the wait's cancelled timer left a signal pending")
    }

    @Test func aSignalDuringTheWaitEndsItAndLeavesNothingPending() async {
        let wakeup = Wakeup()
        async let waited: Void = wakeup.wait(upTo: .seconds(3600))
        // Signal until the waiter has taken one; a signal before it waits is kept for it.
        wakeup.signal()
        await waited
        #expect(!wakeup.isPending)
    }

    @Test func theBoundEndsAWaitWithoutASignal() async {
        let wakeup = Wakeup()
        await wakeup.wait(upTo: .milliseconds(1))
        #expect(!wakeup.isPending)
    }
}
