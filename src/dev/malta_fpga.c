/*
 * malta_fpga.c - the Malta FPGA register block (MIPS Malta User's Manual,
 * "FPGA registers"; behaviour as QEMU's hw/mips/malta.c models it, which
 * is what Linux and YAMON-style boot code have been run against):
 *
 *   SWITCH, JMPRS    read 0; STATUS reads 0x10 (little-endian board)
 *   LEDBAR           8 LEDs, read back
 *   ASCIIWORD        shows the written word as 8 hex digits
 *   ASCIIPOS0..7     one character each, leftmost first
 *   SOFTRES          0x42 asks the machine for a reset; other values do
 *                    nothing
 *   BRKRES, GPOUT    stored, low 8 bits
 *   GPINP            reads I2COUT while I2CSEL selects the FPGA I2C port
 *   I2C*             stored; no device answers, so the lines read back high
 *
 * Registers are 32 bits wide, 8 bytes apart.  An access of any size at a
 * register's address reaches it (a narrower write stores the low bits); an
 * access to other bytes, or to an unknown register, reads 0, is ignored
 * and is logged under "unimp".  Changes to the LED bar or the display are
 * logged under "dev" as one line showing both.
 */
#include "dev/malta_fpga.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

#define MALTA_STATUS_VALUE 0x00000010u /* little-endian: bit 1 clear */

struct malta_fpga {
    struct log *log;
    struct board_hooks hooks;

    uint8_t leds;
    uint8_t brk;
    uint8_t gpout;
    uint8_t i2cin;
    uint8_t i2coe;
    uint32_t i2cout;
    uint8_t i2csel;
    char ascii[8];      /* the display's character registers */
    char text[9];       /* the same, printable, for showing */
};

static void fpga_update_text(struct malta_fpga *f)
{
    for (int i = 0; i < 8; i++) {
        unsigned char c = (unsigned char)f->ascii[i];
        f->text[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '.';
    }
    f->text[8] = '\0';
}

/* One line with the whole state of the front panel, LEDs bit 7 first. */
static void fpga_log_panel(struct malta_fpga *f)
{
    if (!log_enabled(f->log, LOG_DEV))
        return;
    char bits[9];
    for (int i = 0; i < 8; i++)
        bits[i] = (f->leds & (0x80u >> i)) ? '#' : '.';
    bits[8] = '\0';
    log_printf(f->log, LOG_DEV, "malta: LED %s ASCII \"%s\"\n", bits, f->text);
}

void malta_fpga_reset(struct malta_fpga *f)
{
    f->leds = 0x00;
    f->brk = 0x0a;
    f->gpout = 0x00;
    f->i2cin = 0x03;
    f->i2coe = 0x00;
    f->i2cout = 0x03;
    f->i2csel = 0x01;
    memset(f->ascii, ' ', sizeof f->ascii);
    fpga_update_text(f);
}

struct malta_fpga *malta_fpga_create(struct log *log, struct board_hooks hooks)
{
    struct malta_fpga *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->log = log;
    f->hooks = hooks;
    malta_fpga_reset(f);
    return f;
}

void malta_fpga_destroy(struct malta_fpga *f)
{
    free(f);
}

const char *malta_fpga_display(const struct malta_fpga *f)
{
    return f->text;
}

uint8_t malta_fpga_leds(const struct malta_fpga *f)
{
    return f->leds;
}

static uint32_t fpga_read(void *opaque, uint32_t offset, unsigned size)
{
    struct malta_fpga *f = opaque;

    if ((offset & 3) == 0) {
        switch (offset) {
        case MALTA_SWITCH:
            return 0;
        case MALTA_STATUS:
            return MALTA_STATUS_VALUE;
        case MALTA_JMPRS:
            return 0;
        case MALTA_LEDBAR:
            return f->leds;
        case MALTA_BRKRES:
            return f->brk;
        case MALTA_GPOUT:
            return f->gpout;
        case MALTA_GPINP:
            /* Inputs follow the I2C outputs, as in QEMU. */
            return f->i2csel ? f->i2cout : 0;
        case MALTA_I2CINP:
            return f->i2cin;
        case MALTA_I2COE:
            return f->i2coe;
        case MALTA_I2COUT:
            return f->i2cout;
        case MALTA_I2CSEL:
            return f->i2csel;
        }
    }
    log_printf(f->log, LOG_UNIMP,
               "malta: read of %u bytes at unimplemented FPGA offset 0x%05x\n",
               size, offset);
    return 0;
}

static void fpga_write(void *opaque, uint32_t offset, uint32_t value,
                       unsigned size)
{
    struct malta_fpga *f = opaque;

    if ((offset & 3) == 0) {
        switch (offset) {
        case MALTA_SWITCH:
        case MALTA_JMPRS:
            return; /* read-only, writes ignored as on the board */
        case MALTA_LEDBAR:
            if (f->leds != (uint8_t)value) {
                f->leds = (uint8_t)value;
                fpga_log_panel(f);
            }
            return;
        case MALTA_ASCIIWORD: {
            char hex[9];
            snprintf(hex, sizeof hex, "%08X", value);
            if (memcmp(f->ascii, hex, 8) != 0) {
                memcpy(f->ascii, hex, 8);
                fpga_update_text(f);
                fpga_log_panel(f);
            }
            return;
        }
        case MALTA_SOFTRES:
            if (value == MALTA_SOFTRES_RESET) {
                log_printf(f->log, LOG_DEV,
                           "malta: soft reset requested (SOFTRES 0x42)\n");
                if (f->hooks.request)
                    f->hooks.request(f->hooks.opaque, BOARD_REQ_RESET);
            } else {
                log_printf(f->log, LOG_DEV,
                           "malta: SOFTRES write 0x%x ignored (reset is 0x42)\n",
                           value);
            }
            return;
        case MALTA_BRKRES:
            f->brk = (uint8_t)value;
            return;
        case MALTA_GPOUT:
            f->gpout = (uint8_t)value;
            return;
        case MALTA_I2COE:
            f->i2coe = value & 0x03;
            return;
        case MALTA_I2COUT:
            f->i2cout = value;
            return;
        case MALTA_I2CSEL:
            f->i2csel = value & 0x01;
            return;
        default:
            if (offset >= MALTA_ASCIIPOS0 && offset <= MALTA_ASCIIPOS7 &&
                (offset & 7) == 0) {
                unsigned pos = (offset - MALTA_ASCIIPOS0) >> 3;
                if (f->ascii[pos] != (char)value) {
                    f->ascii[pos] = (char)value;
                    fpga_update_text(f);
                    fpga_log_panel(f);
                }
                return;
            }
            break;
        }
    }
    log_printf(f->log, LOG_UNIMP,
               "malta: write of %u bytes (0x%x) at unimplemented FPGA offset "
               "0x%05x ignored\n", size, value, offset);
}

static uint32_t fpga_hi_read(void *opaque, uint32_t offset, unsigned size)
{
    return fpga_read(opaque, offset + MALTA_FPGA_HI_OFFSET, size);
}

static void fpga_hi_write(void *opaque, uint32_t offset, uint32_t value,
                          unsigned size)
{
    fpga_write(opaque, offset + MALTA_FPGA_HI_OFFSET, value, size);
}

const struct mmio_ops malta_fpga_mmio_ops = {
    .read = fpga_read,
    .write = fpga_write,
};

const struct mmio_ops malta_fpga_hi_mmio_ops = {
    .read = fpga_hi_read,
    .write = fpga_hi_write,
};
