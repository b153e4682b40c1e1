import CTerminalGuard
import Charts
import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The dashboard's event loop: the I/O around `DashboardModel`. It sleeps in poll(2) on the
/// keyboard, the feed's wake descriptor (inotify for a folder, a pipe for a tracking
/// server), the workers' pipes and a signal pipe, so an
/// idle dashboard uses no CPU and draws nothing; it turns what wakes it into events for the
/// model and carries out the effects the model asks for (draw, fit, export, quit).
///
/// The terminal is given back on `q`, on SIGINT, SIGTERM, SIGHUP (a dropped SSH link) and
/// SIGQUIT (through the pipe, so the exit is the orderly one), and on a crash signal (the
/// C guard writes terminfo's restore bytes and resets the tty modes). Ctrl-Z comes through
/// the pipe too: the loop leaves curses, stops, and takes the screen back after `fg`.
public final class DashboardApp {
    /// Where the runs come from: a folder or a tracking server.
    public let follower: RunFeed
    /// The themes `t` cycles through; the first is shown at start.
    public var themes: [Theme]
    public var model: DashboardModel
    /// Bootstrap replicates per fit (bands and intervals); fewer is faster on small machines.
    public var bootstrapSamples = 200
    /// Writes panels for `s` and `S`; without one those keys say exports are off.
    public var exporter: PanelExporting? {
        didSet { model.exportsEnabled = exporter != nil }
    }
    /// Where fits and exports run: on their own threads (the dashboard), or at once on the
    /// caller's thread (tests, which then need no waiting).
    public enum Work: Sendable { case background, inline }
    public let work: Work
    /// Drawn coordinates of every curve, kept across frames.
    private let curveCache = CurveCache()
    private let inksMemo = RunInksMemo()
    /// The runs `curveCache` was last trimmed to.
    private var cachedRunIDs: [String] = []
    /// The curves panel's axis and smoothing `curveCache` was last trimmed to.
    private var cachedAxis: XAxisQuantity?
    private var cachedSmoothing = 0.0
    private var fitWorker: FitWorker?
    private var exportWorker: ExportWorker?
    /// Used by inline fits only (the fit worker has its own).
    private lazy var inlineForecaster = RunForecaster()
    private var inlineSummaries = RunSummaryCache(includeCurve: true)
    private lazy var inlineFitter = StudyFitter(bootstrapSamples: bootstrapSamples, threads: 1)

    public init(follower: RunFeed, title: String, themes: [Theme], work: Work = .background) {
        self.follower = follower
        self.themes = themes.isEmpty ? [.dark] : themes
        self.work = work
        model = DashboardModel(title: title, exportsEnabled: false)
    }

    /// The person's choices (axes, help, the what-if inputs), kept across frames.
    public var state: DashboardState {
        get { model.state }
        set { model.state = newValue }
    }

    var theme: Theme { themes[model.state.themeIndex % themes.count] }

    /// Why the loop ended.
    public enum Exit: Equatable {
        case quitKey
        case signal(Int32)
    }

    public func run(environment: [String: String]) throws -> Exit {
        var pipeDescriptors: [Int32] = [0, 0]
        guard pipe(&pipeDescriptors) == 0 else { throw Screen.StartError.cannotCreateSignalPipe(errno: errno) }
        for fd in pipeDescriptors {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        defer { close(pipeDescriptors[0]); close(pipeDescriptors[1]) }

        // The modes as the shell left them, before curses changes them; and our handlers
        // before curses starts, so it leaves SIGTSTP to us (see CTerminalGuard.h).
        tg_save_terminal_modes(STDOUT_FILENO)
        tg_install_handlers(pipeDescriptors[1])
        // Runs before the pipe is closed (defers run last first), also when Screen throws.
        defer { tg_release_handlers() }
        let screen = try Screen(environment: environment)
        tg_save_restore_sequence(Screen.restoreSequence())
        tg_chain_window_change()
        defer { screen.stop() }
        return loop(screen: screen, signalPipe: pipeDescriptors[0])
    }

    // MARK: - One step: an event in, its effects carried out

    /// Hand `event` to the model at `now` and carry out what it asks. Returns the exit when
    /// the model quits. The loop calls this for everything that wakes it; tests call it with
    /// a `TestScreen` and times of their choosing.
    @discardableResult
    public func process(_ event: DashboardEvent, at now: DashboardTime, screen: ScreenBackend) -> Exit? {
        var queue = [event]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in model.handle(next, at: now) {
                switch effect {
                case .quit:
                    return .quitKey
                case .draw(let repaint):
                    let (width, height) = screen.size
                    screen.present(makeView(glyphs: screen.glyphs).render(width: width, height: height), repaint: repaint)
                case .requestFits(let request):
                    switch work {
                    case .background: fits().request(request)
                    case .inline:
                        queue.append(.fitsFinished(FitResult.compute(request, fitter: &inlineFitter,
                                                                     forecaster: inlineForecaster, summaries: &inlineSummaries)))
                    }
                case .export(let panels):
                    if let followUp = startExport(panels, screen: screen) { queue.append(followUp) }
                }
            }
        }
        return nil
    }

    /// The model's event for a key or a mouse event, hit-testing the mouse against what is
    /// on screen.
    public func event(for input: TerminalInput, screen: ScreenBackend) -> DashboardEvent {
        switch input {
        case .key(let key):
            return .key(key)
        case .mouse(let mouse):
            let (width, height) = screen.size
            let target = makeView(glyphs: screen.glyphs).target(atX: mouse.x, y: mouse.y, width: width, height: height)
            return .pointer(target, mouse.kind)
        }
    }

    /// The runs as the feed has them now.
    public func snapshot() -> StudySnapshot {
        StudySnapshot(runs: follower.store.runs, issues: follower.store.issues, generation: follower.store.generation,
                      followLabel: follower.followDescription, feedAlert: follower.alert, loading: follower.loadingProgress)
    }

    // MARK: - The loop

    private func loop(screen: Screen, signalPipe: Int32) -> Exit {
        defer {
            fitWorker?.stop()
            exportWorker?.stop()
        }
        var nextPoll = now().monotonic + (follower.pollIntervalSeconds ?? .infinity)
        var size = screen.size
        process(.resized(width: size.width, height: size.height), at: now(), screen: screen)
        process(.studyChanged(snapshot()), at: now(), screen: screen)
        while true {
            let signal = tg_take_pending_signal()
            if signal != 0 { return .signal(signal) }
            if tg_take_pending_suspend() != 0 {
                screen.suspendUntilContinued()
                if screen.size != size {
                    size = screen.size
                    process(.resized(width: size.width, height: size.height), at: now(), screen: screen)
                }
                // What the shell printed meanwhile is on the screen: send every cell again
                // (the key a resize gives, which, unlike Ctrl-L, leaves a notice in place).
                process(.key(.resize), at: now(), screen: screen)
            }

            // Sleep until a key, a file event, a worker's result, a signal, the next poll or
            // the model's next deadline.
            let t = now()
            // The follower may start asking to be polled (folders past the inotify watch limit).
            if let interval = follower.pollIntervalSeconds, !nextPoll.isFinite { nextPoll = t.monotonic + interval }
            var deadlines = [model.nextDeadline() ?? t.monotonic + 3600]
            if follower.pollIntervalSeconds != nil { deadlines.append(nextPoll) }
            // A long fit says how far it has got, looked at twice a second from its first.
            if let started = model.fitStartedAt { deadlines.append(max(t.monotonic + 0.5, started + 1)) }
            // Runs still to read: look at the keyboard and the files, then read more.
            let loading = follower.loadingProgress != nil
            let timeout = loading ? 0 : max(0, (deadlines.min() ?? t.monotonic + 3600) - t.monotonic)
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: signalPipe, events: Int16(POLLIN), revents: 0)]
            let followerIndex = append(follower.wakeDescriptor, to: &descriptors)
            let fitIndex = append(fitWorker?.wakeDescriptor, to: &descriptors)
            let exportIndex = append(exportWorker?.wakeDescriptor, to: &descriptors)
            let milliseconds = Int32(min(timeout * 1000, 3_600_000).rounded(.up))
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 && errno != EINTR { return .signal(SIGTERM) }

            if descriptors[1].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 64)
                _ = read(signalPipe, &sink, sink.count)
            }
            var events: [DashboardEvent] = []
            if let fitIndex, descriptors[fitIndex].revents != 0, let result = fitWorker?.takeResult() {
                events.append(.fitsFinished(result))
            }
            if let exportIndex, descriptors[exportIndex].revents != 0, let outcome = exportWorker?.takeOutcome() {
                events.append(.exportFinished(ExportNotice.finished(outcome.job, outcome.result)))
            }
            // Keys (EINTR included: SIGWINCH interrupts poll and curses queues KEY_RESIZE).
            while let input = screen.nextInput() {
                if screen.size != size {
                    size = screen.size
                    events.append(.resized(width: size.width, height: size.height))
                }
                events.append(event(for: input, screen: screen))
            }
            var studyTouched = false
            if let followerIndex, descriptors[followerIndex].revents != 0 {
                follower.handleWake()
                studyTouched = true
            }
            if follower.pollIntervalSeconds != nil, now().monotonic >= nextPoll {
                follower.poll()
                nextPoll = now().monotonic + (follower.pollIntervalSeconds ?? 1)
                studyTouched = true
            }
            if loading {
                follower.continueLoading(budgetSeconds: Self.loadingSlice)
                studyTouched = true
            }
            // A server going away (or coming back) changes the status line, not the store.
            if !studyTouched, follower.followDescription != model.followLabel || follower.alert != model.feedAlert { studyTouched = true }
            if studyTouched { events.append(.studyChanged(snapshot())) }
            if let started = model.fitStartedAt, let fitWorker, now().monotonic - started >= 1 {
                events.append(.fitProgress(fitWorker.progressText))
            }
            if events.isEmpty { events.append(.tick) }
            for event in events {
                if let exit = process(event, at: now(), screen: screen) { return exit }
            }
            // Standard input closed or broken (the SSH link dropped without SIGHUP): leave.
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .signal(SIGHUP) }
        }
    }

    /// How long the loop reads runs between looks at the keyboard and frames while a large
    /// study loads: keys stay responsive and the screen fills in several times a second.
    static let loadingSlice = 0.1

    private func append(_ descriptor: Int32?, to descriptors: inout [pollfd]) -> Int? {
        guard let descriptor else { return nil }
        descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
        return descriptors.count - 1
    }

    private func fits() -> FitWorker {
        if let fitWorker { return fitWorker }
        let worker = FitWorker(bootstrapSamples: bootstrapSamples)
        fitWorker = worker
        return worker
    }

    /// Takes what the export needs from the view now (on this thread: it reads the curve
    /// cache) and leaves rendering and writing to the export thread (or does it at once,
    /// inline). Returns the event that says how it went.
    private func startExport(_ panels: [DashboardPanel], screen: ScreenBackend) -> DashboardEvent? {
        guard let exporter else { return .exportRefused("exports are off in this dashboard") }
        let (width, height) = screen.size
        let job: PanelExportJob
        do {
            job = try exporter.prepare(panels, view: makeView(glyphs: screen.glyphs), width: width, height: height)
        } catch {
            return .exportRefused("export: \(error)")
        }
        switch work {
        case .background:
            let worker = exportWorker ?? ExportWorker()
            exportWorker = worker
            worker.start(job)
            // The model hears `.exportStarted` now and `.exportFinished` when the pipe wakes the loop.
            return .exportStarted(folder: job.folder, panels: panels.map(\.title))
        case .inline:
            return .exportFinished(ExportNotice.finished(job, Result { try job.write() }))
        }
    }

    func makeView(glyphs: GlyphSet) -> DashboardView {
        // Curves of runs that are gone are dropped when the set of runs changes, not every
        // frame (at 10,000 runs rebuilding the cache's index each frame was a millisecond).
        // Likewise the curves of an axis or smoothing no longer shown: the curves panel's
        // and the frontier panel's (by compute, unsmoothed) are kept.
        // The ids compared in place (a list of 10,000 ids made per frame only to compare).
        let sameRuns = model.runs.withUnsafeBufferPointer { runs in
            runs.count == cachedRunIDs.count && runs.indices.allSatisfy { runs[$0].id == cachedRunIDs[$0] }
        }
        let (axis, smoothing) = (model.state.xAxis, model.state.smoothing)
        if !sameRuns || axis != cachedAxis || smoothing != cachedSmoothing {
            let ids = model.runs.map(\.id)
            curveCache.retain(runIDs: Set(ids), curves: [(axis, smoothing), (.flops, 0)])
            (cachedRunIDs, cachedAxis, cachedSmoothing) = (ids, axis, smoothing)
        }
        return DashboardView(study: model.study, state: model.state, theme: theme, glyphs: glyphs,
                             keyHelp: KeyBindings.help, curveCache: curveCache, inksMemo: inksMemo)
    }


    private func now() -> DashboardTime {
        var wall = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        return DashboardTime(monotonic: MonotonicClock.seconds(), wall: Double(wall.tv_sec) + Double(wall.tv_nsec) * 1e-9)
    }
}
