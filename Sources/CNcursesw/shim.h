// The only C surface of Tern: wide-character ncurses plus accessors for what Swift cannot import
// (macros and globals). Everything else talks to curses through TernTerminal's backend.
#ifndef TERN_CNCURSESW_SHIM_H
#define TERN_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);

static inline WINDOW *tern_stdscr(void) { return stdscr; }
static inline int tern_lines(void) { return LINES; }
static inline int tern_cols(void) { return COLS; }
static inline void tern_set_escdelay(int ms) { set_escdelay(ms); }
static inline int tern_colors(void) { return COLORS; }
static inline int tern_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t tern_a_normal(void) { return A_NORMAL; }
static inline attr_t tern_a_bold(void) { return A_BOLD; }
static inline attr_t tern_a_dim(void) { return A_DIM; }
static inline attr_t tern_a_reverse(void) { return A_REVERSE; }
static inline attr_t tern_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tern_a_italic(void) { return A_ITALIC; }

static inline const cchar_t *tern_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *tern_wacs_vline(void) { return WACS_VLINE; }
static inline const cchar_t *tern_wacs_ulcorner(void) { return WACS_ULCORNER; }
static inline const cchar_t *tern_wacs_urcorner(void) { return WACS_URCORNER; }
static inline const cchar_t *tern_wacs_llcorner(void) { return WACS_LLCORNER; }
static inline const cchar_t *tern_wacs_lrcorner(void) { return WACS_LRCORNER; }

static inline int tern_key_resize(void) { return KEY_RESIZE; }
static inline int tern_key_mouse(void) { return KEY_MOUSE; }
static inline int tern_err(void) { return ERR; }
static inline int tern_ok(void) { return OK; }
static inline int tern_key_code_yes(void) { return KEY_CODE_YES; }

// Added for the backend. stdin/stdout are mutable C globals, which Swift 6 refuses to
// read from a nonisolated context; newterm needs them as FILE*s.
static inline FILE *tern_stdin(void) { return stdin; }
static inline FILE *tern_stdout(void) { return stdout; }
// The mouse masks are function-like macros (NCURSES_MOUSE_MASK), which Swift cannot import.
static inline mmask_t tern_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t tern_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t tern_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t tern_button5_pressed(void) { return BUTTON5_PRESSED; }
// KEY_F(n) is a function-like macro too.
static inline int tern_key_f(int n) { return KEY_F(n); }

#endif
