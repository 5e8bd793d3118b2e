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

// Attribute and mouse macros are function-like and do not import: re-export them as constants.
static const attr_t NC_A_NORMAL = A_NORMAL;
static const attr_t NC_A_BOLD = A_BOLD;
static const attr_t NC_A_DIM = A_DIM;
static const attr_t NC_A_ITALIC = A_ITALIC;
static const attr_t NC_A_UNDERLINE = A_UNDERLINE;
static const attr_t NC_A_REVERSE = A_REVERSE;

static const mmask_t NC_ALL_MOUSE_EVENTS = ALL_MOUSE_EVENTS;
static const mmask_t NC_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t NC_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t NC_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t NC_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t NC_BUTTON5_PRESSED = BUTTON5_PRESSED;

// ACS_* index acs_map[] (an incomplete array Swift rejects); valid only after newterm.
static inline chtype nc_acs_hline(void) { return ACS_HLINE; }
static inline chtype nc_acs_vline(void) { return ACS_VLINE; }

// tigetstr() returns (char *)-1 for "not a string capability" and NULL for "absent".
static inline int nc_has_string_capability(const char *name) {
  char *value = tigetstr(name);
  return value != NULL && value != (char *)-1;
}
static inline const char *nc_string_capability(const char *name) {
  char *value = tigetstr(name);
  return (value == NULL || value == (char *)-1) ? "" : value;
}

#endif
