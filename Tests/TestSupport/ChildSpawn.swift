import Glibc

/// posix_spawnp with what every program a test starts needs: no signal blocked and default
/// handlers (the test runner's threads block signals; a child must start as it would from a
/// shell), and optionally a process group of its own so a whole server can be stopped.
enum ChildSpawn {
    static func spawn(_ arguments: [String], actions: inout posix_spawn_file_actions_t,
                      environment: [String: String]? = nil, ownProcessGroup: Bool = false) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child = pid_t()
        let spawned: Int32
        if let environment {
            var env: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { env.forEach { free($0) } }
            spawned = posix_spawnp(&child, arguments[0], &actions, &attributes, &argv, &env)
        } else {
            spawned = posix_spawnp(&child, arguments[0], &actions, &attributes, &argv, environ)
        }
        guard spawned == 0 else { throw TmuxSession.Failure(message: "cannot run \(arguments[0]): error \(spawned)") }
        return child
    }
}
