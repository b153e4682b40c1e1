import CTerminalGuard
import Charts
import Glibc
import RunIngest
import ScalingLaws
import StudyAnalysis

/// The dashboard's event loop. It sleeps in poll(2) on the keyboard, the feed's wake
/// descriptor (inotify for a folder, a pipe for a tracking server) and a signal pipe, so an idle dashboard uses no CPU and draws
/// nothing; when something changes it redraws at most `maxFramesPerSecond` times a second.
///
/// The terminal is given back on `q`, on SIGINT, SIGTERM, SIGHUP (a dropped SSH link) and
/// SIGQUIT (through the pipe, so the exit is the orderly one), and on a crash signal (the
/// C guard writes terminfo's restore bytes and resets the tty modes). Ctrl-Z and `fg` are
/// handled by curses' own SIGTSTP handler.
public final class DashboardApp {
    /// Where the runs come from: a folder or a tracking server.
    public let follower: RunFeed
    /// The themes `t` cycles through; the first is shown at start.
    public var themes: [Theme]
    public var title: String
    public var maxFramesPerSecond = 30.0
    /// The person's choices (axes, help), kept across frames.
    public var state = DashboardState()
    /// Bootstrap replicates per fit (bands and intervals); fewer is faster on small machines.
    public var bootstrapSamples = 200
    /// Writes panels for `s` and `S`; without one those keys say exports are off.
    public var exporter: PanelExporting?
    /// Drawn coordinates of every curve, kept across frames.
    private let curveCache = CurveCache()
    private var fits = StudyFits.empty
    private var forecasts: [String: RunForecast] = [:]
    private var fitStatus = ""
    private var ingestLag: Double?

    public init(follower: RunFeed, title: String, themes: [Theme]) {
        self.follower = follower
        self.title = title
        self.themes = themes.isEmpty ? [.dark] : themes
    }

    var theme: Theme { themes[state.themeIndex % themes.count] }

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

        let screen = try Screen(environment: environment)
        tg_save_terminal(STDOUT_FILENO, Screen.restoreSequence())
        tg_install_handlers(pipeDescriptors[1])
        tg_chain_window_change()
        defer { screen.stop() }
        return loop(screen: screen, signalPipe: pipeDescriptors[0])
    }

    private func loop(screen: Screen, signalPipe: Int32) -> Exit {
        let worker = FitWorker(bootstrapSamples: bootstrapSamples)
        let exportWorker = exporter == nil ? nil : ExportWorker()
        var dirty = true
        var repaint = false
        var lastGeneration = -1
        var fittedGeneration = -1
        var lastFitRequest = -Double.infinity
        var lastFrame = 0.0
        var initialLoad = true
        var lastStatusCheck = now()
        var lastStatuses = currentStatuses()
        var lastFeedText = feedText()
        var nextPoll = now() + (follower.pollIntervalSeconds ?? .infinity)
        // Fits wait this long after a change, so a burst of appends costs one fit.
        let fitDebounce = 1.0
        // Staleness changes with time alone: refit (and redraw) this often at most.
        let statusRefresh = 60.0
        while true {
            let signal = tg_take_pending_signal()
            if signal != 0 { return .signal(signal) }

            if follower.store.generation != lastGeneration {
                lastGeneration = follower.store.generation
                state.settleDefaultAxis(runs: follower.store.runs)
                if !initialLoad { measureIngestLag() }
                initialLoad = false
                dirty = true
            }
            // A server going away (or coming back) changes the status line, not the store.
            let text = feedText()
            if text != lastFeedText {
                lastFeedText = text
                dirty = true
            }
            let t = now()
            // Staleness changes with time alone: look again now and then, and treat a run
            // turning stale like a change (redraw and refit); otherwise draw nothing.
            if t - lastStatusCheck >= statusRefresh {
                lastStatusCheck = t
                let statuses = currentStatuses()
                if statuses != lastStatuses {
                    lastStatuses = statuses
                    fittedGeneration = -1
                    dirty = true
                }
            }
            // Ask for fits when the study changed, after the debounce.
            if fittedGeneration != lastGeneration && t - lastFitRequest >= fitDebounce && !worker.busy {
                worker.request(FitWorker.Request(runs: follower.store.runs, issueCounts: issueCounts(),
                                                 now: wallClock(), generation: lastGeneration))
                fittedGeneration = lastGeneration
                lastFitRequest = t
                if fitStatus.isEmpty { fitStatus = "fitting…"; dirty = true }
            }
            let frameInterval = 1 / maxFramesPerSecond
            if dirty && t - lastFrame >= frameInterval {
                let (width, height) = screen.size
                screen.present(makeView(glyphs: screen.glyphs).render(width: width, height: height), repaint: repaint)
                lastFrame = t
                dirty = false
                repaint = false
            }

            // Sleep until a key, a file event, a fit result, a signal, the next poll, the
            // frame we owe, or the next fit we owe.
            var deadlines: [Double] = []
            if dirty { deadlines.append(lastFrame + frameInterval) }
            if follower.pollIntervalSeconds != nil { deadlines.append(nextPoll) }
            // A fit we owe, unless one is running: its result wakes the loop through the pipe.
            if fittedGeneration != lastGeneration && !worker.busy { deadlines.append(lastFitRequest + fitDebounce) }
            deadlines.append(lastStatusCheck + statusRefresh)
            let timeout = max(0, (deadlines.min() ?? t + 3600) - t)
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: signalPipe, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: worker.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            let followerIndex = follower.wakeDescriptor == nil ? nil : descriptors.count
            if let fd = follower.wakeDescriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            let exportIndex = descriptors.count
            if let fd = exportWorker?.wakeDescriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            let milliseconds = Int32(min(timeout * 1000, 3_600_000).rounded(.up))
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)

            if ready < 0 && errno != EINTR { return .signal(SIGTERM) }
            if descriptors[1].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 64)
                _ = read(signalPipe, &sink, sink.count)
            }
            if descriptors[2].revents != 0, let result = worker.takeResult() {
                fits = result.fits
                forecasts = result.forecasts
                fitStatus = "fits: \(fits.finishedRunCount) finished runs, \(NumberFormat.short(fits.seconds, digits: 2)) s"
                dirty = true
            }
            if let exportWorker, exportIndex < descriptors.count, descriptors[exportIndex].revents != 0,
               let outcome = exportWorker.takeOutcome() {
                state.notice = ExportNotice.finished(outcome.job, outcome.result)
                dirty = true
            }
            // Keys (EINTR included: SIGWINCH interrupts poll and curses queues KEY_RESIZE).
            while let key = screen.nextKey() {
                let visible = DashboardView.visibleRuns(studyView(), state: state).map(\.run.id)
                let noticeBefore = state.notice
                switch KeyBindings.handle(key, state: &state, runs: follower.store.runs, visibleRunIDs: visible) {
                case .quit: return .quitKey
                case .redraw: dirty = true
                case .repaint: dirty = true; repaint = true
                case .ignored: break
                case .exportFocused:
                    startExport([state.focus], worker: exportWorker, screen: screen)
                    dirty = true
                case .exportAll:
                    // The runs table is text, not a chart: `S` writes the four chart panels.
                    startExport(DashboardPanel.allCases.filter { $0 != .runs }, worker: exportWorker, screen: screen)
                    dirty = true
                }
                if state.notice != noticeBefore { dirty = true }
            }
            if let followerIndex, descriptors[followerIndex].revents != 0 {
                follower.handleWake()
            }
            if follower.pollIntervalSeconds != nil, now() >= nextPoll {
                follower.poll()
                nextPoll = now() + (follower.pollIntervalSeconds ?? 1)
            }
            // Standard input closed or broken (the SSH link dropped without SIGHUP): leave.
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .signal(SIGHUP) }
        }
    }

    /// Takes what the export needs from the view now (on this thread: it reads the curve
    /// cache) and leaves rendering and writing to the export thread.
    private func startExport(_ panels: [DashboardPanel], worker: ExportWorker?, screen: Screen) {
        guard let exporter, let worker else {
            state.notice = StatusNotice("exports are off in this dashboard", isError: true)
            return
        }
        guard !worker.busy else {
            state.notice = StatusNotice("still writing the last export; press s again when it is done", isError: true)
            return
        }
        let (width, height) = screen.size
        do {
            let job = try exporter.prepare(panels, view: makeView(glyphs: screen.glyphs), width: width, height: height)
            worker.start(job)
            state.notice = StatusNotice("writing \(panels.map(\.title).joined(separator: ", ")) to \(job.folder)…")
        } catch {
            state.notice = StatusNotice("export: \(error)", isError: true)
        }
    }

    private func currentStatuses() -> [String: RunStatus] {
        let t = wallClock()
        return Dictionary(follower.store.runs.map { ($0.id, RunSummary(run: $0, now: t, includeCurve: false).status) },
                          uniquingKeysWith: { a, _ in a })
    }

    private func studyView() -> StudyView {
        let counts = issueCounts()
        let t = wallClock()
        let runs = follower.store.runs
        return StudyView(title: title, runs: runs,
                         summaries: runs.map { RunSummary(run: $0, now: t, issueCount: counts[$0.id] ?? 0, includeCurve: false) },
                         issues: follower.store.issues, followMode: follower.followDescription, fits: fits, fitStatus: fitStatus,
                         ingestLagSeconds: ingestLag, forecasts: forecasts, feedAlert: follower.alert)
    }

    private func makeView(glyphs: GlyphSet) -> DashboardView {
        curveCache.retain(runIDs: Set(follower.store.runs.map(\.id)))
        return DashboardView(study: studyView(), state: state, theme: theme, glyphs: glyphs,
                             keyHelp: KeyBindings.help, curveCache: curveCache)
    }

    /// Parse errors per run: a file's errors belong to the run whose id is that file or the
    /// folder holding it.
    private func issueCounts() -> [String: Int] {
        var counts: [String: Int] = [:]
        let ids = follower.store.runs.map(\.id)
        for file in follower.store.issues {
            let path = file.first.file
            if let id = ids.first(where: { path == $0 || path.hasSuffix("/" + $0) || path.hasPrefix($0 + "/") || $0.hasPrefix(path + "/") }) {
                counts[id, default: 0] += file.count
            }
        }
        return counts
    }

    /// Seconds from the newest file change to now, just after the store took it in: how far
    /// the dashboard trails the training job. Ignored when no file changed in the last
    /// minute (a reload, not a live append).
    private func measureIngestLag() {
        guard let newest = follower.store.runs.compactMap(\.lastModified).max() else { return }
        let lag = wallClock() - newest
        if lag >= 0 && lag < 60 { ingestLag = lag }
    }

    private func wallClock() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// What the feed says on the status line, compared between turns of the loop.
    private func feedText() -> [String?] {
        [follower.followDescription, follower.alert]
    }

    private func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
