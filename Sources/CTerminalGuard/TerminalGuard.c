#include "CTerminalGuard.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_modes;
static int saved_fd = -1;
static char restore_bytes[256];
static size_t restore_length = 0;
static volatile sig_atomic_t restored = 0;
static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t pending_suspend = 0;
static int wake_descriptor = -1;

static const int exit_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };

void tg_save_terminal_modes(int tty_fd) {
    if (tcgetattr(tty_fd, &saved_modes) == 0) saved_fd = tty_fd;
    restored = 0;
}

void tg_save_restore_sequence(const char *restore_sequence) {
    restore_length = 0;
    if (restore_sequence) {
        size_t n = strlen(restore_sequence);
        if (n >= sizeof(restore_bytes)) n = sizeof(restore_bytes) - 1;
        memcpy(restore_bytes, restore_sequence, n);
        restore_length = n;
    }
}

void tg_restore_terminal(void) {
    if (restored) return;
    restored = 1;
    if (saved_fd >= 0) {
        if (restore_length > 0) {
            ssize_t ignored = write(saved_fd, restore_bytes, restore_length);
            (void)ignored;
        }
        tcsetattr(saved_fd, TCSANOW, &saved_modes);
    }
}

/* Handlers may run on any thread and interrupt anything: they save errno, which write
   may change under the code they interrupted. */
static void wake_loop(char byte) {
    if (wake_descriptor >= 0) {
        ssize_t ignored = write(wake_descriptor, &byte, 1);
        (void)ignored;
    }
}

static void on_exit_signal(int sig) {
    int saved_errno = errno;
    pending_signal = sig;
    wake_loop(1);
    errno = saved_errno;
}

static void on_suspend_signal(int sig) {
    (void)sig;
    int saved_errno = errno;
    pending_suspend = 1;
    wake_loop(3);
    errno = saved_errno;
}

static void on_crash_signal(int sig) {
    tg_restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

void tg_install_handlers(int wake_fd) {
    wake_descriptor = wake_fd;
    // A parent may have started us with these signals blocked (the mask is inherited
    // across fork and exec); then Ctrl-C, SIGTERM, SIGHUP and Ctrl-Z would never arrive.
    sigset_t wanted;
    sigemptyset(&wanted);
    for (size_t i = 0; i < sizeof exit_signals / sizeof exit_signals[0]; i++) sigaddset(&wanted, exit_signals[i]);
    sigaddset(&wanted, SIGTSTP);
    sigaddset(&wanted, SIGCONT);
    sigaddset(&wanted, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_exit_signal;
    for (size_t i = 0; i < sizeof exit_signals / sizeof exit_signals[0]; i++)
        sigaction(exit_signals[i], &action, NULL);
    /* As curses' handler did: a thread in a blocking call carries on after a Ctrl-Z. */
    action.sa_handler = on_suspend_signal;
    action.sa_flags = SA_RESTART;
    sigaction(SIGTSTP, &action, NULL);
    action.sa_handler = on_crash_signal;
    action.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
        sigaction(crash_signals[i], &action, NULL);
}

/* Read and cleared in one step: a handler running on another thread between a read and a
   separate clear would have its flag wiped. */
int tg_take_pending_signal(void) {
    return __atomic_exchange_n(&pending_signal, 0, __ATOMIC_SEQ_CST);
}

int tg_take_pending_suspend(void) {
    return __atomic_exchange_n(&pending_suspend, 0, __ATOMIC_SEQ_CST);
}

/* Give SIGTSTP its default action (stop) back, keeping the handler it had in `previous`
   when asked, and forget a Ctrl-Z not yet taken. */
static void default_suspend(struct sigaction *previous) {
    struct sigaction stop;
    memset(&stop, 0, sizeof stop);
    sigemptyset(&stop.sa_mask);
    stop.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &stop, previous);
    __atomic_exchange_n(&pending_suspend, 0, __ATOMIC_SEQ_CST);
}

void tg_release_handlers(void) {
    wake_descriptor = -1;
    default_suspend(NULL);
}

void tg_stop_until_continued(void) {
    struct sigaction ours;
    /* A Ctrl-Z pressed since the loop took this one is the same wish: one fg resumes. */
    default_suspend(&ours);
    sigset_t only, before;
    sigemptyset(&only);
    sigaddset(&only, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &only, &before);
    /* Delivered to this thread before kill returns (it does not block it), so the whole
       process stops here; execution goes on from here after SIGCONT. */
    kill(getpid(), SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    sigaction(SIGTSTP, &ours, NULL);
}

/* curses' own SIGWINCH handler only sets a flag that the next read turns into KEY_RESIZE.
   A resize that lands between the event loop's last read and its poll(2) would then wait
   for the next key or file event; chaining a handler that also writes to the wake pipe
   lets poll return at once. */
static struct sigaction curses_winch;

static void on_window_change(int sig) {
    if (wake_descriptor >= 0) {
        char byte = 2;
        ssize_t ignored = write(wake_descriptor, &byte, 1);
        (void)ignored;
    }
    if (curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN && curses_winch.sa_handler != NULL)
        curses_winch.sa_handler(sig);
}

void tg_chain_window_change(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_window_change;
    action.sa_flags = 0;  /* no SA_RESTART: interrupting poll(2) is the point */
    sigaction(SIGWINCH, &action, &curses_winch);
}
