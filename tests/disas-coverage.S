/*
 * disas-coverage.S - one of every instruction form the disassembler
 * (src/cpu/disas.c) must name like objdump: the MIPS32r2 integer ISA of a
 * 24K (MIPS32 Vol. II, chapter 3), the CP0 privileged set (Vol. III), the
 * basic FPU and COP1X forms and COP2 loads, stores and moves, plus
 * objdump's aliases (nop, move, li, b, bal, beqz, negu, ...).  Registers
 * and immediates vary: negative offsets, maximal shifts, every branch kind
 * both forward and backward.  Not meant to run, only to be disassembled.
 *
 * Rule:
 *   mipsel-linux-gnu-gcc -march=24kc -EL -c tests/disas-coverage.S \
 *       -o build/tests/disas-coverage.o
 *   tests/disas-check build build/tests/disas-coverage.o
 */
        .module fp=32                   /* odd FPRs usable for singles */
        .module oddspreg
        .option pic0                    /* jal is jal, not a GOT call */
        .set    noreorder
        .set    noat
        .text
        .globl  coverage
coverage:

/* ---- aliases objdump prefers ------------------------------------------ */
back:   nop
        ssnop
        ehb
        move    $2, $5                  /* or, rt = 0 */
        addu    $3, $31, $0             /* addu alias: move */
        negu    $4, $7
        neg     $9, $10
        sub     $9, $0, $10             /* printed as neg */
        not     $6, $8                  /* nor rd,rs,zero */
        li      $2, -5
        li      $3, 0x8000
        li      $4, 0x12345678
        li      $5, 32767
        li      $6, -32768
        b       back
        nop
        bal     fwd
        nop

/* ---- ALU -------------------------------------------------------------- */
        add     $1, $2, $3
        addu    $4, $5, $6
        sub     $7, $8, $9
        subu    $10, $11, $12
        and     $13, $14, $15
        or      $16, $17, $18
        xor     $19, $20, $21
        nor     $22, $23, $24
        slt     $25, $26, $27
        sltu    $28, $29, $30
        addi    $31, $1, -1
        addiu   $2, $29, -32768
        addiu   $29, $29, 32767
        slti    $3, $4, -100
        sltiu   $5, $6, 0x7fff
        andi    $7, $8, 0xffff
        ori     $9, $10, 0x1234
        xori    $11, $12, 0x8000
        lui     $13, 0xffff
        lui     $14, 0
        clo     $15, $16
        clz     $17, $18
        movn    $19, $20, $21
        movz    $22, $23, $24
        seb     $25, $26
        seh     $27, $28
        wsbh    $29, $30
        ext     $2, $3, 0, 32
        ext     $4, $5, 31, 1
        ext     $6, $7, 5, 11
        ins     $8, $9, 0, 32
        ins     $10, $11, 31, 1
        ins     $12, $13, 7, 9

/* ---- shifts and rotates ----------------------------------------------- */
        sll     $1, $2, 0
        sll     $3, $4, 31
        srl     $5, $6, 1
        srl     $7, $8, 31
        sra     $9, $10, 16
        sra     $11, $12, 31
        rotr    $13, $14, 1
        rotr    $15, $16, 31
        sllv    $17, $18, $19
        srlv    $20, $21, $22
        srav    $23, $24, $25
        rotrv   $26, $27, $28

/* ---- multiply and divide ---------------------------------------------- */
        mult    $2, $3
        multu   $4, $5
        div     $0, $6, $7
        divu    $0, $8, $9
        madd    $10, $11
        maddu   $12, $13
        msub    $14, $15
        msubu   $16, $17
        mul     $18, $19, $20
        mfhi    $21
        mflo    $22
        mthi    $23
        mtlo    $24

/* ---- loads and stores ------------------------------------------------- */
        lb      $2, 0($4)
        lbu     $3, -1($5)
        lh      $6, -32768($7)
        lhu     $8, 32766($9)
        lw      $10, -4($29)
        lwl     $11, 3($12)
        lwr     $11, 0($12)
        ll      $13, 16($14)
        sb      $15, 1($16)
        sh      $17, -2($18)
        sw      $31, 28($29)
        swl     $19, 7($20)
        swr     $19, 4($20)
        sc      $21, -8($22)
        lwc1    $f0, 0($4)
        lwc1    $f31, -4($5)
        swc1    $f1, 8($6)
        ldc1    $f2, -8($29)
        sdc1    $f30, 32760($7)
        lwc2    $3, 4($8)
        swc2    $31, -4($9)
        ldc2    $5, 0($10)
        sdc2    $6, 8($11)
        pref    0, 0($4)
        pref    31, -32($5)
        cache   0x14, 0($26)
        cache   0x1f, -4($27)
        synci   0($2)
        synci   -64($3)

/* ---- branches and jumps: forward ----------------------------------------*/
        beq     $2, $3, fwd
        nop
        bne     $4, $5, fwd
        nop
        beq     $6, $0, fwd             /* beqz */
        nop
        bne     $0, $7, fwd             /* bne zero,a3 */
        nop
        bnez    $8, fwd
        nop
        blez    $9, fwd
        nop
        bgtz    $10, fwd
        nop
        bltz    $11, fwd
        nop
        bgez    $12, fwd
        nop
        bltzal  $13, fwd
        nop
        bgezal  $14, fwd
        nop
        beql    $15, $16, fwd
        nop
        bnel    $17, $18, fwd
        nop
        beqzl   $19, fwd
        nop
        bnezl   $20, fwd
        nop
        blezl   $21, fwd
        nop
        bgtzl   $22, fwd
        nop
        bltzl   $23, fwd
        nop
        bgezl   $24, fwd
        nop
        bltzall $25, fwd
        nop
        bgezall $26, fwd
        nop
        bc1f    fwd
        nop
        bc1t    fwd
        nop
        bc1fl   $fcc3, fwd
        nop
        bc1tl   $fcc7, fwd
        nop
        bc2f    fwd
        nop
        bc2t    $cc2, fwd
        nop
        bc2fl   fwd
        nop
        bc2tl   fwd
        nop
        j       fwd
        nop
        jal     fwd
        nop
        jr      $31
        nop
        jr      $25
        nop
        jalr    $25
        nop
        jalr    $2, $3
        nop
        jr.hb   $31
        nop
        jalr.hb $25
        nop
        jalr.hb $4, $5
        nop

/* ---- traps, system, barriers -------------------------------------------*/
fwd:    teq     $2, $3
        teq     $4, $5, 7
        tne     $6, $7, 1023
        tge     $8, $9
        tgeu    $10, $11, 1
        tlt     $12, $13
        tltu    $14, $15, 0x3ff
        teqi    $16, -1
        tnei    $17, 32767
        tgei    $18, -32768
        tgeiu   $19, 5
        tlti    $20, 0
        tltiu   $21, -2
        syscall
        syscall 1
        syscall 0xfffff
        break
        break   7
        break   3, 4
        break   1023, 1023
        sdbbp
        sdbbp   5
        sync
        sync    4
        sync    0x10
        sync    0x1f
        pause

/* ---- privileged: CP0, TLB, interrupts, hazards -------------------------*/
        mfc0    $8, $12                 /* c0_status */
        mfc0    $9, $13
        mfc0    $10, $14
        mfc0    $11, $12, 1             /* c0_intctl */
        mfc0    $12, $15, 1             /* c0_ebase */
        mfc0    $13, $16, 1             /* c0_config1 */
        mfc0    $14, $16, 7             /* unnamed: $16,7 */
        mfc0    $15, $21                /* unnamed: $21 */
        mfc0    $16, $22, 3
        mfc0    $26, $8
        mfc0    $27, $30
        mtc0    $8, $12
        mtc0    $0, $11
        mtc0    $2, $9
        mtc0    $3, $10
        mtc0    $4, $12, 2              /* c0_srsctl */
        mtc0    $5, $31
        mtc0    $6, $28, 1              /* c0_datalo */
        mtc0    $7, $25, 5              /* c0_perfcnt,5 */
        di
        di      $2
        ei
        ei      $3
        ehb
        rdhwr   $3, $29
        rdhwr   $4, $0
        rdhwr   $5, $2
        rdpgpr  $6, $29
        wrpgpr  $29, $7
        tlbp
        tlbr
        tlbwi
        tlbwr
        wait
        wait    0x7ffff
        eret
        deret

/* ---- FPU and COP1X ---------------------------------------------------- */
        mfc1    $2, $f0
        mtc1    $3, $f31
        mfhc1   $4, $f2
        mthc1   $5, $f4
        cfc1    $6, $31
        ctc1    $7, $31
        cfc1    $8, $0
        add.s   $f0, $f1, $f2
        add.d   $f4, $f6, $f8
        sub.s   $f3, $f5, $f7
        sub.d   $f10, $f12, $f14
        mul.s   $f9, $f11, $f13
        mul.d   $f16, $f18, $f20
        div.s   $f15, $f17, $f19
        div.d   $f22, $f24, $f26
        sqrt.s  $f21, $f23
        sqrt.d  $f28, $f30
        abs.s   $f1, $f2
        abs.d   $f2, $f4
        neg.s   $f3, $f4
        neg.d   $f6, $f8
        mov.s   $f5, $f6
        mov.d   $f10, $f12
        movf    $2, $3, $fcc0
        movt    $4, $5, $fcc7
        movf.s  $f1, $f2, $fcc1
        movt.d  $f2, $f4, $fcc2
        movn.s  $f3, $f4, $5
        movz.d  $f6, $f8, $7
        cvt.s.d $f0, $f2
        cvt.s.w $f1, $f3
        cvt.d.s $f4, $f5
        cvt.d.w $f6, $f7
        cvt.w.s $f8, $f9
        cvt.w.d $f10, $f12
        cvt.l.s $f2, $f3
        cvt.d.l $f4, $f6
        round.w.s $f1, $f2
        trunc.w.d $f3, $f4
        ceil.w.s $f5, $f6
        floor.w.d $f7, $f8
        round.l.d $f8, $f10
        trunc.l.s $f12, $f13
        recip.s $f1, $f2
        rsqrt.d $f4, $f6
        c.f.s   $f0, $f1
        c.un.d  $f2, $f4
        c.eq.s  $f3, $f5
        c.eq.s  $fcc1, $f3, $f5
        c.ueq.d $fcc7, $f6, $f8
        c.olt.s $f7, $f9
        c.ult.d $f10, $f12
        c.ole.s $fcc2, $f11, $f13
        c.ule.d $f14, $f16
        c.sf.s  $f15, $f17
        c.ngle.d $f18, $f20
        c.seq.s $f19, $f21
        c.ngl.d $fcc3, $f22, $f24
        c.lt.s  $f23, $f25
        c.nge.d $f26, $f28
        c.le.s  $f27, $f29
        c.ngt.d $fcc6, $f30, $f0
        lwxc1   $f0, $2($3)
        ldxc1   $f2, $4($5)
        swxc1   $f1, $6($7)
        sdxc1   $f4, $8($9)
        prefx   3, $10($11)
        madd.s  $f0, $f1, $f2, $f3
        madd.d  $f4, $f6, $f8, $f10
        msub.s  $f5, $f6, $f7, $f8
        nmadd.d $f12, $f14, $f16, $f18
        nmsub.s $f9, $f10, $f11, $f12

/* ---- COP2 moves -------------------------------------------------------- */
        mfc2    $2, $5
        mtc2    $3, $31
        mfc2    $4, $6, 2
        cfc2    $5, $7
        ctc2    $6, $8
        mfhc2   $7, $9
        mthc2   $8, $10

/* ---- branches and jumps: backward --------------------------------------*/
        beq     $2, $3, back
        nop
        bne     $4, $5, back
        nop
        beqz    $6, back
        nop
        bnez    $7, back
        nop
        blez    $8, back
        nop
        bgtz    $9, back
        nop
        bltz    $10, back
        nop
        bgez    $11, back
        nop
        bltzal  $12, back
        nop
        bgezal  $13, back
        nop
        beql    $14, $15, back
        nop
        bnel    $16, $17, back
        nop
        beqzl   $18, back
        nop
        bnezl   $19, back
        nop
        blezl   $20, back
        nop
        bgtzl   $21, back
        nop
        bltzl   $22, back
        nop
        bgezl   $23, back
        nop
        bltzall $24, back
        nop
        bgezall $25, back
        nop
        bc1f    $fcc1, back
        nop
        bc1t    back
        nop
        bc1fl   back
        nop
        bc1tl   back
        nop
        bc2f    $cc1, back
        nop
        bc2t    back
        nop
        b       back
        nop
        bal     back
        nop
        j       back
        nop
        jal     back
        nop

/* ---- undecodable words: objdump prints .word -------------------------- */
        .word   0xffffffff
        .word   0x00000014              /* dsllv: MIPS64 only */
        .word   0xec000000              /* swc3 */
        .word   0x4101102b
