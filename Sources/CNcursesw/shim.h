#ifndef LRLAB_CNCURSESW_SHIM_H
#define LRLAB_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags; without this there is no cchar_t / wget_wch.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>

// Swift 6 rejects reads of ncurses' mutable globals: expose them through accessors.
static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_colors(void) { return COLORS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }

#endif
