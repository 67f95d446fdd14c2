/// Shim over libedit for Swift. libedit's configuration calls (`el_set`, `history`) are C variadic
/// functions, which Swift cannot call; these small non-variadic wrappers can be.
#ifndef UPSHELL_CLIBEDIT_SHIM_H
#define UPSHELL_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <locale.h>
#include <histedit.h>

static inline int ups_el_set_prompt(EditLine *el, char *(*fn)(EditLine *)) { return el_set(el, EL_PROMPT, fn); }
static inline int ups_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int ups_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int ups_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int ups_el_add_function(EditLine *el, const char *name, const char *help,
                                      unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int ups_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
static inline int ups_el_set_tty(EditLine *el, const char *mode, const char *setting) {
    return el_set(el, EL_SETTY, mode, setting, NULL);
}
static inline History *ups_history_open(int size) {
    History *h = history_init();
    HistEvent ev;
    if (h) { history(h, &ev, H_SETSIZE, size); history(h, &ev, H_SETUNIQUE, 1); }
    return h;
}
static inline int ups_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }

#endif
