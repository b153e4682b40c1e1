#ifndef CTERMINALGUARD_H
#define CTERMINALGUARD_H

// Signal handling for the dashboard, in C because a signal handler must be
// async-signal-safe and Swift code (allocation, reference counting, lazy globals) is not.

// Remember the terminal's modes now, for the crash path: call before curses changes them
// (newterm, cbreak), and again after a resume from Ctrl-Z (the person may have changed
// them in the shell meanwhile).
void tg_save_terminal_modes(int tty_fd);

// Remember the bytes that undo curses' screen changes (terminfo's rmcup, cnorm, sgr0), for
// the crash path; known only once curses has read the terminal's description.
void tg_save_restore_sequence(const char *restore_sequence);

// Route SIGINT, SIGTERM, SIGHUP and SIGQUIT to a flag plus one byte written to wake_fd,
// so the event loop wakes up and leaves through its normal, orderly exit. The handlers stay
// for the rest of the process: a second SIGHUP (a dropped SSH link sends several) must not
// kill the program while it cleans up after the dashboard.
// Route SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP to tg_restore_terminal,
// then let the default action run (core dump, exit status) as if we were not there.
// Route SIGTSTP (Ctrl-Z) to a flag plus a byte written to wake_fd as well: the event loop
// leaves curses and stops the process itself (tg_stop_until_continued). Call before newterm:
// curses then leaves SIGTSTP alone. Its own handler is set to SIG_IGN while curses updates
// the screen, so a Ctrl-Z typed during a redraw was lost; and it ran endwin on whichever
// thread the signal reached.
// Unblocks the exit signals, SIGTSTP, SIGCONT and SIGWINCH in the calling thread.
void tg_install_handlers(int wake_fd);

// When the dashboard is gone: no more wake bytes (the pipe is about to close), and Ctrl-Z
// stops the process again by its default action. The exit signals keep their handlers (a
// second SIGHUP during clean-up must not kill the program) and only set the flag.
void tg_release_handlers(void);

// The exit signal that arrived since the last call, or 0.
int tg_take_pending_signal(void);

// 1 when SIGTSTP arrived since the last call, else 0.
int tg_take_pending_suspend(void);

// Stop the process as Ctrl-Z's default action would, and return once it is continued
// (fg, SIGCONT); SIGTSTP is routed to the flag again afterwards.
void tg_stop_until_continued(void);

// Put the terminal back as it was saved. Async-signal-safe; idempotent.
void tg_restore_terminal(void);

/* Also wake the event loop on SIGWINCH, then run curses' handler (call after newterm). */
void tg_chain_window_change(void);

#endif
