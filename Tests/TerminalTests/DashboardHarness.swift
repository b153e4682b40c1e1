import Foundation
import Charts
import RunIngest
import TestSupport
@testable import Terminal

/// The real dashboard (`DashboardApp`: model, view, key bindings, fits, forecasts) on a
/// screen in memory, with fits run at once and a clock the test moves: what the tmux suites
/// checked, in milliseconds. Only the terminal itself (curses, signals, the tty) is left to
/// the end-to-end tests.
final class DashboardHarness {
    let app: DashboardApp
    let screen: TestScreen
    private var clock = 0.0

    init(folder: String, width: Int = 160, height: Int = 45, bootstrapSamples: Int = 20, themes: [Theme] = [.dark]) {
        let follower = StudyFollower(root: folder, mode: .polling(intervalSeconds: 1))
        app = DashboardApp(follower: follower, title: folder, themes: themes, work: .inline)
        app.bootstrapSamples = bootstrapSamples
        screen = TestScreen(width: width, height: height)
        step(.resized(width: width, height: height))
        sync()
    }

    /// Hand the model one event a frame later than the last.
    @discardableResult
    func step(_ event: DashboardEvent) -> DashboardApp.Exit? {
        clock += 0.1
        return app.process(event, at: DashboardTime(monotonic: clock, wall: Date().timeIntervalSince1970), screen: screen)
    }

    /// Read the files again, then let the fit debounce pass so fits owed are done and drawn.
    func sync() {
        app.follower.poll()
        step(.studyChanged(app.snapshot()))
        settle()
    }

    /// Let every deadline the model has pass.
    func settle() {
        clock += app.model.timing.fitDebounce
        step(.tick)
        step(.tick)
    }

    @discardableResult
    func press(_ keys: Key...) -> DashboardApp.Exit? {
        var exit: DashboardApp.Exit?
        for key in keys { exit = step(.key(key)) ?? exit }
        return exit
    }

    func type(_ text: String) {
        for scalar in text.unicodeScalars { step(.key(.character(scalar))) }
    }

    func click(x: Int, y: Int, _ kind: MouseEvent.Kind = .press) {
        step(app.event(for: .mouse(MouseEvent(x: x, y: y, kind: kind)), screen: screen))
    }

    /// The screen as text.
    var text: String { screen.text.joined(separator: "\n") }

    /// Where `needle` first appears on screen, as (column, row).
    func position(of needle: String) -> (x: Int, y: Int)? {
        for (y, line) in screen.text.enumerated() {
            if let range = line.range(of: needle) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }
}
