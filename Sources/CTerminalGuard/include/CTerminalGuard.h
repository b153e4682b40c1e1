#ifndef CTERMINALGUARD_H
#define CTERMINALGUARD_H

// Signal handling for the dashboard, in C because a signal handler must be
// async-signal-safe and Swift code (allocation, reference counting, lazy globals) is not.

// Remember the terminal's modes now (before curses changes them) and the bytes that
// undo curses' screen changes (terminfo's rmcup, cnorm, sgr0), for the crash path.
void tg_save_terminal(int tty_fd, const char *restore_sequence);

// Route SIGINT, SIGTERM, SIGHUP and SIGQUIT to a flag plus one byte written to wake_fd,
// so the event loop wakes up and leaves through its normal, orderly exit. The handlers stay
// for the rest of the process: a second SIGHUP (a dropped SSH link sends several) must not
// kill the program while it cleans up after the dashboard.
// Route SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP to tg_restore_terminal,
// then let the default action run (core dump, exit status) as if we were not there.
// Unblocks the exit signals, SIGTSTP, SIGCONT and SIGWINCH in the calling thread.
void tg_install_handlers(int wake_fd);

// The exit signal that arrived since the last call, or 0.
int tg_take_pending_signal(void);

// Put the terminal back as it was saved. Async-signal-safe; idempotent.
void tg_restore_terminal(void);

/* Also wake the event loop on SIGWINCH, then run curses' handler (call after newterm). */
void tg_chain_window_change(void);

#endif
