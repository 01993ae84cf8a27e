/*
 * dbg_cmds.h - what the parts of the debugger shell share: the shell's
 * state, its output helpers, the command table, expressions, and the
 * command handlers of dbg_cmds.c (running, breakpoints, settings) and
 * dbg_inspect.c (registers, memory, disassembly, TLB, backtrace).  Only
 * the dbg_shell*.c, dbg_cmds.c, dbg_expr.c and dbg_inspect.c files
 * include it; everyone else uses dbg_shell.h.
 */
#ifndef DISCO_DBG_CMDS_H
#define DISCO_DBG_CMDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug.h"
#include "dbg_shell.h"

struct machine;
struct tlb;
struct symtab;
struct cpu;

/* Colours, when the shell talks to a person. */
enum dbg_colour { DBG_C_OFF, DBG_C_ADDR, DBG_C_SYM, DBG_C_ERR, DBG_C_TITLE, DBG_C_STOP };

/* Tab completion in progress: what the word being completed names. */
enum dbg_complete { DBG_COMPLETE_COMMANDS, DBG_COMPLETE_INFO, DBG_COMPLETE_EXPR, DBG_COMPLETE_TRACE };
struct dbg_completion {
    enum dbg_complete kind;
    size_t next, first, count;   /* the candidate list and where it is */
    char last[128];              /* the last symbol offered (one of each name) */
};

struct dbg_shell {
    struct machine *m;
    const struct dbg_shell_config *cfg;
    struct symtab *symbols;      /* NULL: none loaded */
    bool interactive;            /* prompts and line editing */
    bool colour;
    bool console_tty;            /* the console owns the terminal (raw while running) */
    bool stdin_console;          /* the console reads stdin (-serial stdio) */
    bool done;                   /* quit, or the guest ended */
    int status;                  /* the exit status once done */
    unsigned depth;              /* nesting of `source` */
    const char *src_name;        /* the script being read, for errors */
    unsigned src_line;
    /* What a bare `x` (or Enter after one) continues with. */
    char x_fmt;
    unsigned x_size;
    unsigned x_count;
    enum dbg_space x_space;
    uint32_t x_next;
    bool x_valid;
    /* Watched values before the last resume, for "Old value". */
    struct { int id; uint64_t value; bool valid; } watch_old[DBG_MAX_WATCHPOINTS];
    char *history_path;          /* NULL: no history file */
    char repeat[256];            /* what an empty line repeats (terminal only) */
    struct dbg_completion comp;
};

/* A command: a name, an optional short alias, its arguments and one line
 * of help; the handler returns 0, or -1 after printing an error. */
struct dbg_command {
    const char *name;
    const char *alias;
    const char *args;
    const char *help;
    int (*fn)(struct dbg_shell *sh, char *args);
    bool repeat;                 /* Enter repeats it (step, next, x...) */
};

extern const struct dbg_command dbg_commands[];
extern const struct dbg_command dbg_info_commands[];

/* ---- output (dbg_shell.c) ---- */
void dbg_printf(struct dbg_shell *sh, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* One line on stderr (with the script's name and line inside a script);
 * returns -1 for the handler to return. */
int dbg_error(struct dbg_shell *sh, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Names addresses with st from now on (NULL: none), freeing the old table. */
void dbg_set_symbols(struct dbg_shell *sh, struct symtab *st);
const char *dbg_col(const struct dbg_shell *sh, enum dbg_colour c);
/* "0x80100010 <main+0x10>" (the symbol part only when known). */
void dbg_format_addr(struct dbg_shell *sh, uint32_t addr, char *buf, size_t len);
/* "0x80100010 <main+0x10>: addiu   sp,sp,-24" for the focused CPU; with
 * mark, "=> " in front when it is the pc. */
void dbg_print_insn(struct dbg_shell *sh, uint32_t addr, bool mark);
/* Where the focused CPU is: its next instruction, flagged when it sits
 * in a delay slot or waits in WAIT. */
void dbg_print_where(struct dbg_shell *sh);
/* Runs a line: a command and its arguments. */
int dbg_execute(struct dbg_shell *sh, const char *line);
/* Runs a script's lines; 0, or -1 when it cannot be opened. */
int dbg_source(struct dbg_shell *sh, const char *path);

/* ---- running (dbg_cmds.c) ---- */
/* machine_resume around the terminal and watchpoint bookkeeping. */
enum dbg_stop dbg_shell_resume(struct dbg_shell *sh, uint64_t steps);
/* Says why the machine stopped; internal_bp is a breakpoint of the
 * shell's own (next/finish/until) that is reported as a plain stop. */
void dbg_report_stop(struct dbg_shell *sh, enum dbg_stop why, int internal_bp);

/* ---- expressions and registers (dbg_expr.c) ---- */
enum dbg_reg_kind { DBG_REG_GPR, DBG_REG_PC, DBG_REG_HI, DBG_REG_LO, DBG_REG_CP0 };
struct dbg_reg {
    enum dbg_reg_kind kind;
    unsigned num, sel;           /* GPR number, or CP0 register and select */
};
/* A register by name, without the '$' (ABI names, r0..r31, 0..31, pc,
 * hi, lo, CP0 names in any case). */
bool dbg_reg_lookup(const char *name, struct dbg_reg *r);
uint32_t dbg_reg_read(struct dbg_shell *sh, const struct dbg_reg *r);
void dbg_reg_write(struct dbg_shell *sh, const struct dbg_reg *r, uint32_t value);
const char *dbg_reg_name(const struct dbg_reg *r, char *buf, size_t len);
/* Names for completion: the i-th register name (lower case), or NULL. */
const char *dbg_reg_name_at(unsigned i);

/* Evaluates the expression at the start of *text, moving *text past it
 * (to a ',' or the end); prints an error and returns false on a bad one.
 * Numbers (0x hex, decimal), $registers, symbols (their address),
 * + - * / % & | ^ << >> ~ ! and unary * (the word at a virtual address). */
bool dbg_eval_prefix(struct dbg_shell *sh, const char **text, uint32_t *value);
/* The whole of text must be one expression. */
bool dbg_eval(struct dbg_shell *sh, const char *text, uint32_t *value);

/* ---- helpers shared by the handlers ---- */
char *dbg_skip_space(const char *s);
void dbg_trim(char *s);
/* Reads a guest word of the focused CPU's view; false when unmapped. */
bool dbg_read_word(struct dbg_shell *sh, enum dbg_space space, uint32_t addr, uint32_t *w);
/* Leading "-p"/"-phys"/"-m"/"-machine"/"-v": the space an address names. */
bool dbg_parse_space(struct dbg_shell *sh, char **args, enum dbg_space *space);
const char *dbg_space_name(enum dbg_space space);

/* The frame a backtrace step recovers (dbg_inspect.c). */
struct dbg_frame {
    uint32_t pc, sp, fp;
    uint32_t ra;                 /* frame 0 only: $ra */
    uint32_t func;               /* start of the function, 0 if unknown */
    uint32_t cfa;                /* sp in the caller after return */
};
/* Recovers frame 0 (the focused CPU now), then the callers in turn;
 * false when the ABI and the frame pointer give nothing more. */
void dbg_frame_top(struct dbg_shell *sh, struct dbg_frame *f);
bool dbg_frame_caller(struct dbg_shell *sh, struct dbg_frame *f, bool top, struct dbg_frame *caller);

/* Handlers. */
int dbg_cmd_help(struct dbg_shell *sh, char *args);
int dbg_cmd_info(struct dbg_shell *sh, char *args);
int dbg_cmd_registers(struct dbg_shell *sh, char *args);
int dbg_cmd_cp0(struct dbg_shell *sh, char *args);
int dbg_cmd_all_registers(struct dbg_shell *sh, char *args);
int dbg_cmd_x(struct dbg_shell *sh, char *args);
int dbg_cmd_xp(struct dbg_shell *sh, char *args);
int dbg_cmd_xm(struct dbg_shell *sh, char *args);
int dbg_cmd_disassemble(struct dbg_shell *sh, char *args);
int dbg_cmd_tlb(struct dbg_shell *sh, char *args);
/* A TLB, decoded (args: an entry number, or all). */
int dbg_print_tlb(struct dbg_shell *sh, const char *title, const struct tlb *t, uint8_t asid,
                  char *args);
/* The monitor's commands (dbg_monitor.c). */
int dbg_cmd_vm(struct dbg_shell *sh, char *args);
int dbg_cmd_vms(struct dbg_shell *sh, char *args);
int dbg_cmd_vcpus(struct dbg_shell *sh, char *args);
int dbg_cmd_vtlb(struct dbg_shell *sh, char *args);
int dbg_cmd_hwtlb(struct dbg_shell *sh, char *args);
int dbg_cmd_l2tlb(struct dbg_shell *sh, char *args);
int dbg_cmd_pmap(struct dbg_shell *sh, char *args);
int dbg_cmd_memmap(struct dbg_shell *sh, char *args);
int dbg_cmd_backtrace(struct dbg_shell *sh, char *args);

#endif
