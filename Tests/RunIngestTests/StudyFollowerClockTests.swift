import Foundation
import Testing
@testable import RunIngest

/// What depends on time in the follower, driven by a clock the test moves: no sleeping.
@Suite struct StudyFollowerClockTests {
    let study = ScratchStudy()
    var root: String { study.root }

    func write(_ text: String, to path: String) throws { try study.write(text, to: path) }

    static let inotifyWorks = InotifyWatcher() != nil

    /// With inotify, `poll()` walks the tree only as a catch-up every five seconds (the kernel
    /// reports new files): a run that appears is found by the first poll five seconds after
    /// the last walk, not before.
    @Test(.enabled(if: inotifyWorks, "inotify cannot be set up here (the follower would poll)"))
    func theCatchUpRescanWaitsFiveSecondsOfTheInjectedClock() throws {
        try write("{\"step\": 1, \"loss\": 3}\n", to: "a.jsonl")
        var now = 1_000.0
        let follower = StudyFollower(root: root, mode: .inotify, clock: FollowerClock { now })
        #expect(follower.mode == .inotify)
        #expect(follower.store.runs.map(\.id) == ["a.jsonl"])

        // The kernel's events are left unread, as if it had missed them.
        try write("{\"step\": 1, \"loss\": 4}\n", to: "b.jsonl")
        now += 4.9
        follower.poll()
        #expect(follower.store.runs.map(\.id) == ["a.jsonl"])
        now += 0.1
        follower.poll()
        #expect(follower.store.runs.map(\.id) == ["a.jsonl", "b.jsonl"])

        // The walk restarted the five seconds.
        try write("{\"step\": 1, \"loss\": 5}\n", to: "c.jsonl")
        now += 4
        follower.poll()
        #expect(follower.store.runs.count == 2)
        now += 1
        follower.poll()
        #expect(follower.store.runs.count == 3)
    }

    @Test func rescanScheduleIsDueAfterItsInterval() {
        var schedule = RescanSchedule()
        #expect(schedule.isDue(every: RescanSchedule.catchUp, at: 0))
        schedule.scanned(at: 100)
        #expect(!schedule.isDue(every: RescanSchedule.afterUnownedWrite, at: 100.5))
        #expect(schedule.isDue(every: RescanSchedule.afterUnownedWrite, at: 101))
        #expect(!schedule.isDue(every: RescanSchedule.catchUp, at: 104.9))
        #expect(schedule.isDue(every: RescanSchedule.catchUp, at: 105))
    }

    @Test func metadataLayersRankSidecarOverLogOverFormatOverName() {
        var sidecar = RunMetadata(source: "scaletop.json")
        sidecar.parameters = 1e8
        var log = RunMetadata(source: "log")
        log.parameters = 2e8
        log.tokensPerStep = 1024
        var format = RunMetadata(source: "config")
        format.tokensPerStep = 2048
        format.plannedSteps = 500
        let resolved = RunMetadataResolver.resolved(sidecar: sidecar, log: log, format: format, runName: "run")
        #expect(resolved.parameters == 1e8)
        #expect(resolved.tokensPerStep == 1024)
        #expect(resolved.plannedSteps == 500)
        let nameOnly = RunMetadataResolver.resolved(sidecar: nil, log: nil, format: nil, runName: "gpt-125M")
        #expect(nameOnly.parameters == 125e6)
    }
}
