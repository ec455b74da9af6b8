import LoadChecks
import Testing

@Suite struct SequenceTrackerTests {
    @Test func consecutiveSequencesAcrossAResumeAreClean() {
        var tracker = SequenceTracker()
        for sequence in UInt64(1)...5 { tracker.receive(sequence) }
        // A restart: the watch resumes from the last seen + 1.
        #expect(tracker.resumeFrom == 6)
        for sequence in UInt64(6)...9 { tracker.receive(sequence) }
        tracker.finish(head: 9)
        #expect(tracker.isClean)
        #expect(tracker.received == 9)
        #expect(tracker.last == 9)
    }

    @Test func aSkippedRangeCountsEachMissingSequence() {
        var tracker = SequenceTracker()
        for sequence: UInt64 in [1, 2, 3, 4, 8, 9] { tracker.receive(sequence) }
        #expect(tracker.missing == 3)
        #expect(tracker.duplicates == 0)
        #expect(!tracker.isClean)
        #expect(tracker.firstProblems == ["sequences 5...7 never arrived (8 came after 4)"])
    }

    @Test func aRepeatOrAStepBackIsADuplicate() {
        var tracker = SequenceTracker()
        // A watch resumed from the first sequence again instead of last + 1.
        for sequence: UInt64 in [1, 2, 3, 2, 3, 4] { tracker.receive(sequence) }
        #expect(tracker.duplicates == 2)
        #expect(tracker.missing == 0)
        #expect(tracker.last == 4)
        #expect(!tracker.isClean)
    }

    @Test func aWatchThatNeverCaughtUpWithTheHeadIsMissingTheRest() {
        var tracker = SequenceTracker(after: 10)
        tracker.receive(11)
        tracker.receive(12)
        tracker.finish(head: 15)
        #expect(tracker.missing == 3)
        #expect(tracker.firstProblems.last == "sequences 13...15 never arrived before the end")
    }

    @Test func startingAfterASequenceExpectsTheNextOne() {
        var tracker = SequenceTracker(after: 41)
        tracker.receive(43)
        #expect(tracker.missing == 1)
    }
}
