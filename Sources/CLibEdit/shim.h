/// Shim over libedit for Swift. libedit's configuration calls (`el_set`, `history`) are C variadic
/// functions, which Swift cannot call; these small non-variadic wrappers can be.
#ifndef UPSHELL_CLIBEDIT_SHIM_H
#define UPSHELL_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <locale.h>
#include <histedit.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <wchar.h>

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

static inline int ups_history_clear(History *h) { HistEvent ev; return history(h, &ev, H_CLEAR); }

/// Per-editor context pointer (the Swift `LineEditor`), read back inside prompt and key callbacks.
static inline int ups_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *ups_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}
/// Redraws the prompt and the line from scratch.
static inline int ups_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

/// The standard streams, which Swift 6 treats as unsafe global variables.
static inline FILE *ups_stdin(void) { return stdin; }
static inline FILE *ups_stdout(void) { return stdout; }
static inline FILE *ups_stderr(void) { return stderr; }

/// Width of the terminal on `fd` in columns, or `fallback` when it is not a terminal.
static inline int ups_terminal_columns(int fd, int fallback) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return fallback;
}

/// Installs `handler` for `signo` (with `SA_RESTART` when `restart` is non-zero); returns 0 on success.
static inline int ups_install_signal_handler(int signo, void (*handler)(int), int restart) {
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = restart ? SA_RESTART : 0;
    action.sa_handler = handler;
    return sigaction(signo, &action, NULL);
}
/// Unblocks the signals an interactive shell depends on (a blocked mask is inherited across exec).
static inline int ups_unblock_shell_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    int signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH, SIGALRM };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaddset(&set, signals[i]);
    return sigprocmask(SIG_UNBLOCK, &set, NULL);
}
/// Restores the default action for `signo`.
static inline int ups_default_signal_handler(int signo) {
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    action.sa_handler = SIG_DFL;
    return sigaction(signo, &action, NULL);
}

#endif
