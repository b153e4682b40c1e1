#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600 for system libraries, and without it
// <curses.h> leaves NCURSES_WIDECHAR at 0: no cchar_t, setcchar, mvadd_wch or get_wch.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncurses.h>

// Swift 6 rejects reads of mutable C globals; these getters are the sanctioned door.
static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline WINDOW *nc_curscr(void) { return curscr; }
static inline int nc_colors(void) { return COLORS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *nc_stdout(void) { return stdout; }
static inline FILE *nc_stdin(void) { return stdin; }

static inline void nc_getmaxyx(const WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }

// Attribute bits are NCURSES_BITS(...) expressions, which Swift cannot import as macros.
static const attr_t NC_A_NORMAL    = A_NORMAL;
static const attr_t NC_A_BOLD      = A_BOLD;
static const attr_t NC_A_DIM       = A_DIM;
static const attr_t NC_A_REVERSE   = A_REVERSE;
static const attr_t NC_A_UNDERLINE = A_UNDERLINE;

// One wide cell with attributes and an extended colour pair (pairs above 32767 travel
// through setcchar's opts pointer).
static inline int nc_put_wch(int y, int x, wchar_t ch, attr_t attrs, int pair) {
    cchar_t cc;
    wchar_t wstr[2] = { ch, L'\0' };
    int ext = pair;
    if (setcchar(&cc, wstr, attrs, (short)(pair < 32767 ? pair : 0), &ext) == ERR) return ERR;
    return mvadd_wch(y, x, &cc);
}

// The mouse: button 1's press and release (no click resolution, so a drag is a press here
// and a release there) and the wheel. xterm's basic tracking (1000), which tmux and every
// terminal over SSH speak; no motion reports, so moving the mouse sends nothing.
static inline void nc_enable_mouse(void) {
    mouseinterval(0);
    mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
}

#define NC_MOUSE_OTHER 0
#define NC_MOUSE_PRESS 1
#define NC_MOUSE_RELEASE 2
#define NC_MOUSE_WHEEL_UP 3
#define NC_MOUSE_WHEEL_DOWN 4

// After get_wch returned KEY_MOUSE: the event's cell and kind; ERR when there is none.
static inline int nc_read_mouse(int *x, int *y, int *kind) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) *kind = NC_MOUSE_PRESS;
    else if (event.bstate & BUTTON1_RELEASED) *kind = NC_MOUSE_RELEASE;
    else if (event.bstate & BUTTON4_PRESSED) *kind = NC_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
    else if (event.bstate & BUTTON5_PRESSED) *kind = NC_MOUSE_WHEEL_DOWN;
#endif
    else *kind = NC_MOUSE_OTHER;
    return OK;
}

// Is the current locale's character set UTF-8? (braille needs it)
static inline int nc_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    if (!cs) return 0;
    return (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') &&
           (cs[2] == 'F' || cs[2] == 'f');
}

#endif
