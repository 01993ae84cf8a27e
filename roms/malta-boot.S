/*
 * malta-boot.S - disco's boot ROM for the Malta board, mapped at the reset
 * vector 0xbfc00000.
 *
 * It does for -kernel what QEMU's Malta pseudo-bootloader does: disco has
 * loaded the ELF and written the YAMON argv/envp in RAM (see
 * src/dev/malta-boot.h); the ROM takes a0..a3, sp and the entry from the
 * parameter block disco filled in, and jumps to the kernel in kernel mode
 * with Status untouched (BEV = ERL = 1).  Around that it carries what a
 * Malta program may expect of its firmware: the board revision word at
 * 0x10, a table of YAMON service entry points at 0x500 (print and
 * print_count work; the others return), and exception handlers for the
 * BEV = 1 vectors that report an unexpected exception on the console and
 * stop the CPU instead of running into garbage.
 *
 * MIPS32 Vol. III 6.2.2 (reset), 6.1.2 (BEV vector locations); YAMON
 * User's Manual (service vector table).
 */
#include "dev/malta-boot.h"
#include "dev/malta-smp.h"

#define UART_THR 0xb80003f8
#define UART_LSR 0xb80003fd
#define LSR_THRE 0x20

#define CP0_STATUS $12
#define ST_BEV_ERL 0x00400004           /* Status.BEV | Status.ERL, as at reset */
#define CP0_CAUSE $13
#define CP0_EPC $14
#define CP0_BADVADDR $8
#define CP0_DEPC $24

        .set    noreorder
        .set    noat
        .text

        .globl  _reset
_reset:                                 /* 0xbfc00000: reset, soft reset, NMI */
        b       boot_start
        nop

        .org    0x010
        .word   MALTA_REVISION          /* the board's REVISION register */

/* ---- BEV = 1 exception vectors --------------------------------------- */
        .org    0x200                   /* TLB refill */
        la      $k0, msg_refill
        b       fatal_exception
        nop
        .org    0x380                   /* general exception */
        la      $k0, msg_general
        b       fatal_exception
        nop
        .org    0x400                   /* interrupt, Cause.IV = 1 */
        la      $k0, msg_interrupt
        b       fatal_exception
        nop
        .org    0x480                   /* EJTAG debug (SDBBP not taken by semihosting) */
        la      $a0, msg_debug
        bal     rom_puts
        nop
        mfc0    $a0, CP0_DEPC
        bal     rom_puthex
        nop
        b       halt
        nop

/* ---- YAMON service vectors (addresses of the routines below) ---------- */
        .org    0x500
        .word   boot_start              /* 0x500: reset */
        .word   yamon_print_count       /* 0x504: print_count(port, s, n) */
        .org    0x520
        .word   boot_start              /* 0x520: exit to firmware: restart */
        .org    0x52c
        .word   yamon_return            /* 0x52c: flush_cache */
        .org    0x534
        .word   yamon_print             /* 0x534: print(port, s) */
        .word   yamon_return            /* 0x538: reg_cpu_isr */
        .word   yamon_return            /* 0x53c: unred_cpu_isr */
        .word   yamon_return            /* 0x540: reg_ic_isr */
        .word   yamon_return            /* 0x544: unred_ic_isr */
        .word   yamon_return            /* 0x548: reg_esr */
        .word   yamon_return            /* 0x54c: unreg_esr */
        .word   yamon_return            /* 0x550: getchar: nothing */
        .word   yamon_return            /* 0x554: syscon_read */

/* ---- boot ------------------------------------------------------------- */
        .org    0x580
boot_start:
        mfc0    $t0, $15, 1             /* EBase.CPUNum: who am I? */
        andi    $t0, $t0, 0x3ff
        bnez    $t0, secondary_wait     /* CPUs other than 0 wait to be started */
        nop
        li      $t0, 0xa0000000 + MALTA_BOOT_BASE + BOOT_PARAMS_OFFSET
        lw      $t1, BP_MAGIC($t0)
        li      $t2, BOOT_PARAMS_MAGIC
        bne     $t1, $t2, no_kernel
        nop
        lw      $a0, BP_A0($t0)         /* argc */
        lw      $a1, BP_A1($t0)         /* argv */
        lw      $a2, BP_A2($t0)         /* envp */
        lw      $a3, BP_A3($t0)         /* memory size */
        lw      $sp, BP_SP($t0)
        lw      $ra, BP_ENTRY($t0)
        move    $t9, $ra                /* entry also in t9, for PIC entry code */
        jr      $ra
        nop

/*
 * A secondary CPU (t0 = its number) sleeps until software fills its
 * mailbox and sends it an IPI (src/dev/malta-smp.h, docs/smp.md), then
 * starts there in kernel mode with a0 and sp from the mailbox.
 */
secondary_wait:
        li      $t1, 0xa0000000 + SMP_BASE
        sll     $t2, $t0, 4
        addu    $t2, $t2, $t1           /* t2 + SMP_MAILBOX(0): this CPU's mailbox */
        li      $t3, ST_BEV_ERL | SMP_IPI_CAUSE_BIT
        mtc0    $t3, CP0_STATUS         /* only the IPI can end WAIT; IE stays 0 */
        ehb
1:      lw      $t4, SMP_MAILBOX(0) + SMP_START_PC($t2)
        bnez    $t4, 2f
        nop
        wait
        b       1b
        nop
2:      sw      $t0, SMP_IPI_CLEAR($t1) /* the IPI has done its job */
        lw      $sp, SMP_MAILBOX(0) + SMP_START_SP($t2)
        lw      $a0, SMP_MAILBOX(0) + SMP_START_ARG($t2)
        li      $t3, ST_BEV_ERL
        mtc0    $t3, CP0_STATUS         /* as reset left it */
        ehb
        jr      $t4
        nop

no_kernel:
        la      $a0, msg_no_kernel
        bal     rom_puts
        nop
        b       halt
        nop

/* Report an unexpected exception (k0: which vector) and stop. */
fatal_exception:
        move    $a0, $k0
        bal     rom_puts
        nop
        la      $a0, msg_cause
        bal     rom_puts
        nop
        mfc0    $a0, CP0_CAUSE
        bal     rom_puthex
        nop
        la      $a0, msg_epc
        bal     rom_puts
        nop
        mfc0    $a0, CP0_EPC
        bal     rom_puthex
        nop
        la      $a0, msg_badvaddr
        bal     rom_puts
        nop
        mfc0    $a0, CP0_BADVADDR
        bal     rom_puthex
        nop
        la      $a0, msg_newline
        bal     rom_puts
        nop
        /* fall through */

/* Stop for good: no interrupt can wake a WAIT with IE = 0 and IM = 0, so
 * disco reports a hung guest and exits. */
halt:
        mtc0    $zero, CP0_STATUS
        ehb
1:      wait
        b       1b
        nop

/* ---- console routines (clobber a0, t0..t3; return via ra) ------------ */

/* rom_putc(a0 = byte) */
rom_putc:
        li      $t0, UART_LSR
1:      lbu     $t1, 0($t0)
        andi    $t1, $t1, LSR_THRE
        beqz    $t1, 1b
        nop
        li      $t0, UART_THR
        jr      $ra
        sb      $a0, 0($t0)

/* rom_puts(a0 = NUL-terminated string) */
rom_puts:
        move    $t3, $ra
        move    $t2, $a0
1:      lbu     $a0, 0($t2)
        beqz    $a0, 2f
        nop
        bal     rom_putc
        addiu   $t2, $t2, 1
        b       1b
        nop
2:      jr      $t3
        nop

/* rom_puthex(a0 = word): eight hex digits */
rom_puthex:
        move    $t3, $ra
        move    $t2, $a0
        li      $v1, 8
1:      srl     $a0, $t2, 28
        sltiu   $at, $a0, 10
        bnez    $at, 2f
        addiu   $a0, $a0, '0'
        addiu   $a0, $a0, 'a' - '0' - 10
2:      bal     rom_putc
        sll     $t2, $t2, 4
        addiu   $v1, $v1, -1
        bnez    $v1, 1b
        nop
        jr      $t3
        nop

/* YAMON print(port a0, string a1) */
yamon_print:
        move    $v0, $ra
        move    $t2, $a1
1:      lbu     $a0, 0($t2)
        beqz    $a0, 2f
        nop
        bal     rom_putc
        addiu   $t2, $t2, 1
        b       1b
        nop
2:      jr      $v0
        move    $v0, $zero

/* YAMON print_count(port a0, string a1, count a2) */
yamon_print_count:
        move    $v0, $ra
        move    $t2, $a1
        move    $v1, $a2
1:      beqz    $v1, 2f
        nop
        lbu     $a0, 0($t2)
        bal     rom_putc
        addiu   $t2, $t2, 1
        b       1b
        addiu   $v1, $v1, -1
2:      jr      $v0
        move    $v0, $zero

yamon_return:
        jr      $ra
        move    $v0, $zero

msg_no_kernel:  .asciz "disco boot ROM: nothing to boot (give -kernel, or -bios with your own ROM)\r\n"
msg_refill:     .asciz "\r\ndisco boot ROM: unexpected TLB refill exception (BEV=1)"
msg_general:    .asciz "\r\ndisco boot ROM: unexpected exception (BEV=1)"
msg_interrupt:  .asciz "\r\ndisco boot ROM: unexpected interrupt (BEV=1)"
msg_debug:      .asciz "\r\ndisco boot ROM: SDBBP debug exception, DEPC="
msg_cause:      .asciz ": Cause="
msg_epc:        .asciz " EPC="
msg_badvaddr:   .asciz " BadVAddr="
msg_newline:    .asciz "\r\n"

        .org    BOOT_PARAMS_OFFSET
        .globl  boot_params
boot_params:                            /* filled in by disco */
        .space  BOOT_PARAMS_SIZE
