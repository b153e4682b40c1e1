import CTerminalGuard
import Charts
import Glibc
import RunIngest
import ScalingLaws

/// The dashboard's event loop. It sleeps in poll(2) on the keyboard, the follower's
/// inotify descriptor and a signal pipe, so an idle dashboard uses no CPU and draws
/// nothing; when something changes it redraws at most `maxFramesPerSecond` times a second.
///
/// The terminal is given back on `q`, on SIGINT, SIGTERM, SIGHUP (a dropped SSH link) and
/// SIGQUIT (through the pipe, so the exit is the orderly one), and on a crash signal (the
/// C guard writes terminfo's restore bytes and resets the tty modes). Ctrl-Z and `fg` are
/// handled by curses' own SIGTSTP handler.
public final class DashboardApp {
    public let follower: StudyFollower
    /// The themes `t` cycles through; the first is shown at start.
    public var themes: [Theme]
    public var title: String
    public var maxFramesPerSecond = 30.0
    /// The person's choices (axes, help), kept across frames.
    public var state = DashboardState()

    public init(follower: StudyFollower, title: String, themes: [Theme]) {
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
        defer { screen.stop() }
        return loop(screen: screen, signalPipe: pipeDescriptors[0])
    }

    private func loop(screen: Screen, signalPipe: Int32) -> Exit {
        var dirty = true
        var repaint = false
        var lastGeneration = -1
        var lastFrame = 0.0
        var nextPoll = now() + (follower.pollIntervalSeconds ?? .infinity)
        while true {
            let signal = tg_take_pending_signal()
            if signal != 0 { return .signal(signal) }

            if follower.store.generation != lastGeneration {
                lastGeneration = follower.store.generation
                state.settleDefaultAxis(runs: follower.store.runs)
                dirty = true
            }
            let frameInterval = 1 / maxFramesPerSecond
            let t = now()
            if dirty && t - lastFrame >= frameInterval {
                let (width, height) = screen.size
                let view = DashboardView(study: StudyView(store: follower.store, title: title, followMode: followLabel),
                                         state: state, theme: theme, glyphs: screen.glyphs, keyHelp: KeyBindings.help)
                screen.present(view.render(width: width, height: height), repaint: repaint)
                lastFrame = t
                dirty = false
                repaint = false
            }

            // Sleep until a key, a file event, a signal, the next poll, or the frame we owe.
            var timeout = -1.0
            if dirty { timeout = max(0, lastFrame + frameInterval - t) }
            if follower.pollIntervalSeconds != nil {
                let untilPoll = max(0, nextPoll - t)
                timeout = timeout < 0 ? untilPoll : min(timeout, untilPoll)
            }
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: signalPipe, events: Int16(POLLIN), revents: 0)]
            if let fd = follower.wakeDescriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            let milliseconds = timeout < 0 ? Int32(-1) : Int32(min(timeout * 1000, 3_600_000).rounded(.up))
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)

            if ready < 0 && errno != EINTR { return .signal(SIGTERM) }
            if descriptors[1].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 64)
                _ = read(signalPipe, &sink, sink.count)
            }
            // Keys (EINTR included: SIGWINCH interrupts poll and curses queues KEY_RESIZE).
            while let key = screen.nextKey() {
                switch KeyBindings.handle(key, state: &state, runs: follower.store.runs) {
                case .quit: return .quitKey
                case .redraw: dirty = true
                case .repaint: dirty = true; repaint = true
                case .ignored: break
                }
            }
            if descriptors.count > 2, descriptors[2].revents != 0 {
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

    private var followLabel: String {
        switch follower.mode {
        case .inotify: return "following (inotify)"
        case .polling(let s): return "following (polling every \(NumberFormat.short(s)) s)"
        }
    }

    private func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
