/*
 * test_chardev_mux.c - the console multiplexer (src/dev/chardev_mux.c)
 * over an in-memory back end: prefixes only with two or more ports, the
 * focused port writing through while the others are line-buffered, lines
 * kept apart, input, events, wait_fd and Ctrl-A N following the focus,
 * and the flush at the end.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include "dev/chardev_mux.h"
#include "dev/dev.h"

/* ---- an in-memory back end -------------------------------------------- */

struct fake_be {
    struct chardev cd;
    char out[4096];          /* everything written, NUL-terminated */
    unsigned out_len;
    uint8_t in[64];          /* input waiting to be read */
    unsigned in_pos, in_len;
    unsigned raise_events;   /* the next poll sets these events ... */
    int raise_focus;         /* ... and this focus_request */
    unsigned polls;
    bool destroyed;
};

static void fake_poll(struct chardev *cd)
{
    struct fake_be *f = (struct fake_be *)cd;
    f->polls++;
    f->cd.events |= f->raise_events;
    if (f->raise_events & CHARDEV_EV_FOCUS)
        f->cd.focus_request = f->raise_focus;
    f->raise_events = 0;
}

static bool fake_can_read(struct chardev *cd)
{
    struct fake_be *f = (struct fake_be *)cd;
    return f->in_pos < f->in_len;
}

static int fake_read(struct chardev *cd)
{
    struct fake_be *f = (struct fake_be *)cd;
    return f->in_pos < f->in_len ? f->in[f->in_pos++] : -1;
}

static void fake_write(struct chardev *cd, uint8_t byte)
{
    struct fake_be *f = (struct fake_be *)cd;
    ck_assert_uint_lt(f->out_len + 1, sizeof f->out);
    f->out[f->out_len++] = (char)byte;
    f->out[f->out_len] = '\0';
}

static void fake_unread(struct chardev *cd, const uint8_t *bytes, unsigned n)
{
    struct fake_be *f = (struct fake_be *)cd;
    ck_assert_uint_le(n, f->in_pos);
    f->in_pos -= n;
    ck_assert(memcmp(f->in + f->in_pos, bytes, n) == 0);
}

/* The fake lives on the test's stack: destroying only records it. */
static void fake_destroy(struct chardev *cd)
{
    ((struct fake_be *)cd)->destroyed = true;
}

static void fake_init(struct fake_be *f)
{
    memset(f, 0, sizeof *f);
    f->cd.poll = fake_poll;
    f->cd.can_read = fake_can_read;
    f->cd.read = fake_read;
    f->cd.write = fake_write;
    f->cd.unread = fake_unread;
    f->cd.destroy = fake_destroy;
    f->cd.wait_fd = 7;
    f->cd.interactive = true;
}

static void fake_input(struct fake_be *f, const char *s)
{
    size_t n = strlen(s);
    ck_assert_uint_le(f->in_len + n, sizeof f->in);
    memcpy(f->in + f->in_len, s, n);
    f->in_len += (unsigned)n;
}

/* Forgets what was written so far. */
static void fake_clear(struct fake_be *f)
{
    f->out_len = 0;
    f->out[0] = '\0';
}

static void put(struct chardev *cd, const char *s)
{
    while (*s)
        cd->write(cd, (uint8_t)*s++);
}

/* ---- output ------------------------------------------------------------ */

START_TEST(test_one_port_no_prefix)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    ck_assert_ptr_nonnull(mux);
    ck_assert_ptr_eq(chardev_mux_backend(mux), &f.cd);
    struct chardev *a = chardev_mux_port(mux, "vm0");
    ck_assert_ptr_nonnull(a);
    put(a, "hello\r\nwor");
    ck_assert_str_eq(f.out, "hello\r\nwor"); /* untouched, and at once */
    chardev_close(a);
    chardev_mux_destroy(mux);
    ck_assert(f.destroyed);
}
END_TEST

START_TEST(test_two_ports_prefixed)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    struct chardev *a = chardev_mux_port(mux, NULL);   /* "vm0" */
    struct chardev *b = chardev_mux_port(mux, "web");
    ck_assert_uint_eq(chardev_mux_focus(mux), 0);
    put(a, "one\r\ntwo\r\n");
    ck_assert_str_eq(f.out, "[vm0] one\r\n[vm0] two\r\n");
    fake_clear(&f);
    put(b, "three\r\n");
    ck_assert_str_eq(f.out, "[web] three\r\n");
    chardev_close(a);
    chardev_close(b);
    chardev_mux_destroy(mux);
}
END_TEST

START_TEST(test_focused_writes_through_others_buffer)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    struct chardev *a = chardev_mux_port(mux, "a");
    struct chardev *b = chardev_mux_port(mux, "b");

    a->write(a, 'x');                       /* focused: at once */
    ck_assert_str_eq(f.out, "[a] x");
    a->write(a, 'y');
    ck_assert_str_eq(f.out, "[a] xy");
    a->write(a, '\n');
    fake_clear(&f);

    put(b, "partial");                      /* unfocused: held back */
    ck_assert_str_eq(f.out, "");
    put(b, " line\n");
    ck_assert_str_eq(f.out, "[b] partial line\n");
    fake_clear(&f);

    /* a line that never ends goes out in 512-byte pieces */
    for (int i = 0; i < 511; i++)
        b->write(b, 'z');
    ck_assert_uint_eq(f.out_len, 0);
    b->write(b, 'z');
    ck_assert_uint_eq(f.out_len, 4 + 512);
    ck_assert(strncmp(f.out, "[b] zzz", 7) == 0);
    put(b, "zz\n");                          /* the same line goes on */
    ck_assert_uint_eq(f.out_len, 4 + 512 + 3);
    ck_assert_str_eq(f.out + 4 + 512, "zz\n");

    chardev_close(a);
    chardev_close(b);
    chardev_mux_destroy(mux);
}
END_TEST

/* Another port's line cuts a partial focused line short: "\r\n" first,
 * and the focused port's prefix again when it goes on. */
START_TEST(test_lines_never_mix)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    struct chardev *a = chardev_mux_port(mux, "vm0");
    struct chardev *b = chardev_mux_port(mux, "vm1");
    put(a, "# ls");
    put(b, "booting\r\n");
    put(a, "\r\n");
    ck_assert_str_eq(f.out, "[vm0] # ls\r\n[vm1] booting\r\n[vm0] \r\n");
    fake_clear(&f);
    /* a carriage return puts the cursor over the prefix: it comes again */
    put(a, "abc\rdef\r\n");
    ck_assert_str_eq(f.out, "[vm0] abc\r[vm0] def\r\n");
    chardev_close(a);
    chardev_close(b);
    chardev_mux_destroy(mux);
}
END_TEST

START_TEST(test_destroy_flushes)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    struct chardev *a = chardev_mux_port(mux, "vm0");
    struct chardev *b = chardev_mux_port(mux, "vm1");
    put(b, "last words");
    ck_assert_str_eq(f.out, "");
    chardev_mux_destroy(mux);
    ck_assert_str_eq(f.out, "[vm1] last words");
    ck_assert(f.destroyed);
    /* the ports outlive the mux harmlessly until closed */
    f.destroyed = false;
    fake_clear(&f);
    put(a, "gone\n");
    a->poll(a);
    ck_assert(!a->can_read(a));
    ck_assert_int_eq(a->read(a), -1);
    ck_assert_int_eq(a->wait_fd, -1);
    ck_assert_uint_eq(f.out_len, 0);
    ck_assert_uint_eq(f.polls, 0);
    chardev_close(a);
    chardev_close(b);
}
END_TEST

/* Closing a port sends out its partial line; closing the focused one
 * hands the focus on. */
START_TEST(test_close_port)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    struct chardev *a = chardev_mux_port(mux, "vm0");
    struct chardev *b = chardev_mux_port(mux, "vm1");
    put(b, "bye");
    chardev_close(b);
    ck_assert_str_eq(f.out, "[vm1] bye");
    fake_clear(&f);
    put(a, "alone\n");                       /* one port left: no prefix */
    ck_assert_str_eq(f.out, "\r\nalone\n");

    struct chardev *c = chardev_mux_port(mux, "vm2");
    ck_assert_uint_eq(chardev_mux_focus(mux), 0);
    chardev_close(a);
    ck_assert_uint_eq(chardev_mux_focus(mux), 2);
    ck_assert_int_eq(c->wait_fd, 7);
    chardev_close(c);
    chardev_mux_destroy(mux);
}
END_TEST

/* ---- input, events, focus ---------------------------------------------- */

START_TEST(test_focus_routes_input)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    struct chardev *a = chardev_mux_port(mux, "vm0");
    struct chardev *b = chardev_mux_port(mux, "vm1");
    fake_input(&f, "xyz");

    ck_assert_int_eq(a->wait_fd, 7);
    ck_assert(a->interactive);
    ck_assert_int_eq(b->wait_fd, 7);      /* input may come once it has the focus */
    ck_assert(b->interactive);
    ck_assert(a->can_read(a));
    ck_assert(!b->can_read(b));
    ck_assert_int_eq(b->read(b), -1);
    ck_assert_int_eq(a->read(a), 'x');

    put(b, "$ ");                            /* a prompt, held back */
    ck_assert(chardev_mux_set_focus(mux, 1));
    ck_assert_uint_eq(chardev_mux_focus(mux), 1);
    /* the note, then b's prompt, so typing goes on after it */
    ck_assert_str_eq(f.out, "\r\n[disco: input goes to vm1]\r\n[vm1] $ ");
    ck_assert_int_eq(a->wait_fd, 7);
    ck_assert_int_eq(b->wait_fd, 7);
    ck_assert(b->interactive);
    ck_assert(!a->can_read(a));
    ck_assert_int_eq(a->read(a), -1);
    ck_assert_int_eq(b->read(b), 'y');
    uint8_t back = 'y';
    a->unread(a, &back, 1);                  /* not a's to give back */
    ck_assert_int_eq(b->read(b), 'z');
    b->unread(b, (const uint8_t *)"z", 1);
    ck_assert_int_eq(b->read(b), 'z');

    fake_clear(&f);
    put(b, "ls\n");                          /* focused now: at once */
    ck_assert_str_eq(f.out, "ls\n");
    fake_clear(&f);
    ck_assert(!chardev_mux_set_focus(mux, 5));
    ck_assert_uint_eq(chardev_mux_focus(mux), 1);
    ck_assert_str_eq(f.out, "\r\n[disco: no vm5]\r\n");
    chardev_close(a);
    chardev_close(b);
    chardev_mux_destroy(mux);
}
END_TEST

/* Quit and debug requests go to the focused port, whichever port polls. */
START_TEST(test_events_forwarded)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    struct chardev *a = chardev_mux_port(mux, "vm0");
    struct chardev *b = chardev_mux_port(mux, "vm1");
    f.raise_events = CHARDEV_EV_QUIT;
    b->poll(b);
    ck_assert_uint_eq(f.polls, 1);
    ck_assert_uint_eq(a->events, CHARDEV_EV_QUIT);
    ck_assert_uint_eq(b->events, 0);
    ck_assert_uint_eq(f.cd.events, 0);

    chardev_mux_set_focus(mux, 1);
    f.raise_events = CHARDEV_EV_DEBUG;
    a->poll(a);
    ck_assert_uint_eq(b->events, CHARDEV_EV_DEBUG);
    ck_assert_uint_eq(a->events, CHARDEV_EV_QUIT);
    chardev_close(a);
    chardev_close(b);
    chardev_mux_destroy(mux);
}
END_TEST

/* Ctrl-A N (CHARDEV_EV_FOCUS from the back end) moves the focus; the mux
 * consumes the event. */
START_TEST(test_keyboard_focus)
{
    struct fake_be f;
    fake_init(&f);
    struct chardev_mux *mux = chardev_mux_create(&f.cd);
    struct chardev *a = chardev_mux_port(mux, "vm0");
    struct chardev *b = chardev_mux_port(mux, "vm1");
    fake_input(&f, "k");

    f.raise_events = CHARDEV_EV_FOCUS;
    f.raise_focus = 1;
    a->poll(a);
    ck_assert_uint_eq(chardev_mux_focus(mux), 1);
    ck_assert_str_eq(f.out, "\r\n[disco: input goes to vm1]\r\n");
    ck_assert_uint_eq(f.cd.events, 0);
    ck_assert_uint_eq(a->events, 0);
    ck_assert_uint_eq(b->events, 0);
    ck_assert(!a->can_read(a));
    ck_assert_int_eq(b->read(b), 'k');

    fake_clear(&f);
    f.raise_events = CHARDEV_EV_FOCUS | CHARDEV_EV_QUIT;
    f.raise_focus = 4;
    b->poll(b);
    ck_assert_uint_eq(chardev_mux_focus(mux), 1);
    ck_assert_str_eq(f.out, "\r\n[disco: no vm4]\r\n");
    ck_assert_uint_eq(b->events, CHARDEV_EV_QUIT);
    ck_assert_uint_eq(a->events, 0);
    chardev_close(a);
    chardev_close(b);
    chardev_mux_destroy(mux);
}
END_TEST

/* The stdio back end on a terminal (a pseudo-terminal here) turns
 * Ctrl-A 0..9 into CHARDEV_EV_FOCUS with the digit, and nothing reaches
 * the guest. */
START_TEST(test_stdio_ctrl_a_digit)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    ck_assert_int_ge(master, 0);
    ck_assert_int_eq(grantpt(master), 0);
    ck_assert_int_eq(unlockpt(master), 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    ck_assert_int_ge(slave, 0);
    int saved = dup(STDIN_FILENO);
    ck_assert_int_ge(dup2(slave, STDIN_FILENO), 0);
    close(slave);

    struct chardev *cd = chardev_open("stdio", NULL);
    ck_assert_ptr_nonnull(cd);
    ck_assert(cd->interactive);             /* raw terminal: escapes on */
    ck_assert_int_eq(write(master, "\x01" "3", 2), 2);
    for (int i = 0; i < 100 && !(cd->events & CHARDEV_EV_FOCUS); i++) {
        usleep(10000);
        cd->poll(cd);
    }
    ck_assert_uint_eq(cd->events, CHARDEV_EV_FOCUS);
    ck_assert_int_eq(cd->focus_request, 3);
    ck_assert(!cd->can_read(cd));
    chardev_close(cd);

    ck_assert_int_ge(dup2(saved, STDIN_FILENO), 0);
    close(saved);
    close(master);
}
END_TEST

static Suite *chardev_mux_suite(void)
{
    Suite *s = suite_create("chardev_mux");
    TCase *tc = tcase_create("output");
    tcase_add_test(tc, test_one_port_no_prefix);
    tcase_add_test(tc, test_two_ports_prefixed);
    tcase_add_test(tc, test_focused_writes_through_others_buffer);
    tcase_add_test(tc, test_lines_never_mix);
    tcase_add_test(tc, test_destroy_flushes);
    tcase_add_test(tc, test_close_port);
    suite_add_tcase(s, tc);

    tc = tcase_create("input");
    tcase_add_test(tc, test_focus_routes_input);
    tcase_add_test(tc, test_events_forwarded);
    tcase_add_test(tc, test_keyboard_focus);
    tcase_add_test(tc, test_stdio_ctrl_a_digit);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_SUITE(chardev_mux_suite)
