/*
 * exec_core.h - the interpreter loop, as a template: exec.c includes it
 * twice, once as cpu_run_core (full speed) and once, with
 * EXEC_CORE_DEBUG set, as cpu_run_core_debug, which tests a breakpoint
 * bitmap before each instruction (debug.h).  Keeping one source for both
 * means the debugger never runs different semantics.
 *
 * Expects EXEC_CORE_NAME and EXEC_CORE_DEBUG to be defined.
 */

/* GCC 12's -O2 SLP vectoriser packs pc and npc into one SSE register and
 * shuffles it on every instruction; keeping them scalar is ~25% faster. */
__attribute__((optimize("no-tree-slp-vectorize")))
uint64_t EXEC_CORE_NAME(struct cpu *cpu, uint64_t max_insns)
{
#define HANDLER_LABEL(name) [OP_##name] = &&op_##name,
    static const void *const handlers[OP_COUNT] = { DINSN_OPS(HANDLER_LABEL) };
#undef HANDLER_LABEL
    uint32_t *const gpr = cpu->gpr;
    uint32_t pc = cpu->pc, npc = cpu->npc;
    bool ds = cpu->delay_slot;
    /* Instructions still allowed in this call; the count run so far is
     * budget - left.  Ending early sets both to what has been used. */
    uint64_t budget = max_insns, left = max_insns, synced = 0;
    uint32_t fetch_page = FETCH_PAGE_NONE;
    uint8_t *fetch_host = NULL, *fetch_shadow = NULL;
    struct dinsn *d, scratch;
    /* the fast-path tables of the current regime; changes only in calls */
    const struct softmmu_table *tables = cpu->mmu.cur;

#define SYNC_OUT()                                                          \
    do {                                                                    \
        cpu->pc = pc;                                                       \
        cpu->npc = npc;                                                     \
        cpu->delay_slot = ds;                                               \
        cpu->icount += (budget - left) - synced;                            \
        cpu->cycles += (budget - left) - synced;                            \
        synced = budget - left;                                             \
    } while (0)
#define SYNC_IN()                                                           \
    do {                                                                    \
        tables = cpu->mmu.cur;                                              \
        pc = cpu->pc;                                                       \
        npc = cpu->npc;                                                     \
        ds = cpu->delay_slot;                                               \
    } while (0)
#define STOP_AFTER_THIS()                                                   \
    do {                                                                    \
        budget -= left;                                                     \
        left = 0;                                                           \
    } while (0)
    /* After any call out: mappings or the mode may have changed, and the
     * caller may want the loop to end after this instruction. */
#define AFTER_CALL()                                                        \
    do {                                                                    \
        fetch_page = FETCH_PAGE_NONE;                                       \
        tables = cpu->mmu.cur;                                              \
        if (cpu->exit_request)                                              \
            STOP_AFTER_THIS();                                              \
    } while (0)
#define RAISE(code)                                                         \
    do {                                                                    \
        SYNC_OUT();                                                         \
        cpu_raise(cpu, (code));                                             \
        goto redirected;                                                    \
    } while (0)
    /* A privileged operation: false means it redirected the CPU. */
#define PRIV(call)                                                          \
    do {                                                                    \
        SYNC_OUT();                                                         \
        if (!(call))                                                        \
            goto redirected;                                                \
        AFTER_CALL();                                                       \
    } while (0)
#define LOAD(size, va, out)                                                 \
    do {                                                                    \
        uint32_t va_ = (va);                                                \
        const struct softmmu_entry *e_ =                                    \
            &tables->e[SOFTMMU_LOAD][softmmu_index(va_)];                   \
        if (likely(e_->tag == (va_ & (SOFTMMU_PAGE_MASK | (size - 1))))) {  \
            out = host_load((const uint8_t *)(e_->addend + va_), size);     \
        } else {                                                            \
            uint32_t v_;                                                    \
            SYNC_OUT();                                                     \
            if (!mmu_load_slow(cpu, va_, size, &v_))                        \
                goto redirected;                                            \
            AFTER_CALL();                                                   \
            out = v_;                                                       \
        }                                                                   \
    } while (0)
#define STORE(size, va, value)                                              \
    do {                                                                    \
        uint32_t va_ = (va);                                                \
        const struct softmmu_entry *e_ =                                    \
            &tables->e[SOFTMMU_STORE][softmmu_index(va_)];                  \
        if (likely(e_->tag == (va_ & (SOFTMMU_PAGE_MASK | (size - 1))))) {  \
            host_store((uint8_t *)(e_->addend + va_), size, (value));       \
        } else {                                                            \
            SYNC_OUT();                                                     \
            if (!mmu_store_slow(cpu, va_, size, (value)))                   \
                goto redirected;                                            \
            AFTER_CALL();                                                   \
        }                                                                   \
    } while (0)
    /* Fetch the instruction at pc and jump to its handler.  Every handler
     * ends with its own copy of this ("threaded" dispatch), which lets the
     * host predict each indirect jump from the handler it leaves.
     *
     * The batch budget is tested only where control flow can loop - jumps,
     * branches, page crossings - not after every straight-line
     * instruction (measured: ~7% fewer host instructions).  Straight-line
     * code stays inside one page, at most 1024 instructions, so once
     * fewer than PRECISE_TAIL remain every fetch takes the checked path
     * (fetch_page is left invalid) and the count still ends exactly. */
#define PRECISE_TAIL (SOFTMMU_PAGE_SIZE / 4 + 1)
#define FETCH_ON_PAGE()                                                     \
    do {                                                                    \
        uint32_t off_ = pc & ~SOFTMMU_PAGE_MASK, w_;                        \
        memcpy(&w_, fetch_host + off_, 4);                                  \
        d = (struct dinsn *)(fetch_shadow + off_ * BUS_SHADOW_RATIO);       \
        if (unlikely(d->raw != w_))                                         \
            dinsn_decode(d, w_);                                            \
        goto *handlers[d->op];                                              \
    } while (0)
#if EXEC_CORE_DEBUG
    /* Stop before pc's instruction runs when a breakpoint may be there:
     * a bit per (pc >> 2) modulo the bitmap size, then the debugger's own
     * check (which also sees physical breakpoints when bp_all is set). */
#define BREAKPOINT_CHECK()                                                  \
    do {                                                                    \
        if (unlikely(cpu->bp_all ||                                         \
                     ((cpu->bp_bitmap[(pc >> 8) & (DBG_BP_WORDS - 1)] >>    \
                       ((pc >> 2) & 63)) & 1)) &&                           \
            cpu->hooks.breakpoint(cpu->hooks.dbg_opaque, cpu, pc))              \
            goto out;                                                       \
    } while (0)
#else
#define BREAKPOINT_CHECK() do { } while (0)
#endif
#define DISPATCH_NEXT()                                                     \
    do {                                                                    \
        /* the low bits fold the alignment check into the page test */   \
        if (unlikely((pc & (SOFTMMU_PAGE_MASK | 3)) != fetch_page))         \
            goto fetch_other_page;                                          \
        BREAKPOINT_CHECK();                                                 \
        left--;                                                             \
        FETCH_ON_PAGE();                                                    \
    } while (0)
#define DISPATCH()                                                          \
    do {                                                                    \
        if (unlikely(left < PRECISE_TAIL))                                  \
            goto fetch_other_page;                                          \
        DISPATCH_NEXT();                                                    \
    } while (0)
    /* The ways an instruction ends. */
#define NEXT()                                                              \
    do {                                                                    \
        pc = npc;                                                           \
        npc += 4;                                                           \
        ds = false;                                                         \
        DISPATCH_NEXT();                                                    \
    } while (0)
    /* Jump after the delay slot at npc. */
#define JUMP(target)                                                        \
    do {                                                                    \
        uint32_t t_ = (target);                                             \
        pc = npc;                                                           \
        npc = t_;                                                           \
        ds = true;                                                          \
        DISPATCH();                                                         \
    } while (0)
#define BRANCH(cond)                                                        \
    do {                                                                    \
        if (cond)                                                           \
            JUMP(pc + 4 + d->imm);                                          \
        pc = npc;                                                           \
        npc += 4;                                                           \
        ds = true; /* the delay slot still runs, as a delay slot */        \
        DISPATCH();                                                         \
    } while (0)
    /* Branch-likely: when not taken, the delay slot is skipped. */
#define BRANCH_LIKELY(cond)                                                 \
    do {                                                                    \
        if (cond)                                                           \
            JUMP(pc + 4 + d->imm);                                          \
        pc = npc + 4;                                                       \
        npc = pc + 4;                                                       \
        ds = false;                                                         \
        DISPATCH();                                                         \
    } while (0)
#define RS gpr[d->rs]
#define RT gpr[d->rt]
#define RD gpr[d->rd]
#define SRS ((int32_t)gpr[d->rs])
#define SRT ((int32_t)gpr[d->rt])
#define IMM d->imm
#define SIMM ((int32_t)d->imm)

next:
    DISPATCH();
fetch_other_page: {
        if (unlikely(left == 0))
            goto out;
        BREAKPOINT_CHECK();
        left--;
        const struct softmmu_entry *e = softmmu_fetch_entry(&cpu->mmu, pc);
        uint32_t w;
        if (likely(e != NULL)) {
            uint32_t off = pc & ~SOFTMMU_PAGE_MASK;
            fetch_host = (uint8_t *)(e->addend + (pc & SOFTMMU_PAGE_MASK));
            fetch_shadow = softmmu_fetch_shadow(&cpu->mmu, pc);
            /* near the end of the batch, keep every fetch on this path */
            fetch_page = left >= PRECISE_TAIL ? (pc & SOFTMMU_PAGE_MASK) : FETCH_PAGE_NONE;
            memcpy(&w, fetch_host + off, 4);
            d = (struct dinsn *)(fetch_shadow + off * BUS_SHADOW_RATIO);
            if (unlikely(d->raw != w))
                dinsn_decode(d, w);
            goto *handlers[d->op];
        }
        /* First fetch from this page in this regime, or code in a device. */
        SYNC_OUT();
        if (!mmu_fetch_slow(cpu, pc, &w))
            goto redirected;
        AFTER_CALL();
        d = &scratch;
        dinsn_decode(d, w);
        goto *handlers[d->op];
    }

op_DECODE:
    dinsn_decode(d, d->raw);
    goto *handlers[d->op];
op_NOP: NEXT();
op_RI: RAISE(EXC_RI);

op_SLL: RD = RT << d->sa; NEXT();
op_SRL: RD = RT >> d->sa; NEXT();
op_ROTR: RD = (RT >> d->sa) | (RT << ((32 - d->sa) & 31)); NEXT();
op_SRA: RD = (uint32_t)(SRT >> d->sa); NEXT();
op_SLLV: RD = RT << (RS & 31); NEXT();
op_SRLV: RD = RT >> (RS & 31); NEXT();
op_ROTRV: {
    unsigned s = RS & 31;
    RD = (RT >> s) | (RT << ((32 - s) & 31));
    NEXT();
}
op_SRAV: RD = (uint32_t)(SRT >> (RS & 31)); NEXT();
op_JR: JUMP(RS);
op_JALR: {
    uint32_t target = RS; /* read before the link: rd may equal rs */
    RD = pc + 8;
    JUMP(target);
}
op_MOVZ: if (RT == 0) RD = RS; NEXT();
op_MOVN: if (RT != 0) RD = RS; NEXT();
op_SYSCALL: RAISE(EXC_SYS);
op_BREAK: RAISE(EXC_BP);
op_MFHI: RD = cpu->hi; NEXT();
op_MTHI: cpu->hi = RS; NEXT();
op_MFLO: RD = cpu->lo; NEXT();
op_MTLO: cpu->lo = RS; NEXT();
op_MULT: set_hilo(cpu, (uint64_t)((int64_t)SRS * SRT)); NEXT();
op_MULTU: set_hilo(cpu, (uint64_t)RS * RT); NEXT();
op_DIV: {
    /* The manual leaves division by zero (and INT_MIN / -1) unpredictable;
     * like QEMU, disco divides by 1 then: LO = dividend, HI = 0. */
    int32_t a = SRS, b = SRT;
    if (b == 0 || (a == INT32_MIN && b == -1))
        b = 1;
    cpu->lo = (uint32_t)(a / b);
    cpu->hi = (uint32_t)(a % b);
    NEXT();
}
op_DIVU: {
    uint32_t a = RS, b = RT ? RT : 1;
    cpu->lo = a / b;
    cpu->hi = a % b;
    NEXT();
}
op_ADD: {
    int32_t r;
    if (__builtin_add_overflow(SRS, SRT, &r))
        RAISE(EXC_OV);
    RD = (uint32_t)r;
    NEXT();
}
op_ADDU: RD = RS + RT; NEXT();
op_SUB: {
    int32_t r;
    if (__builtin_sub_overflow(SRS, SRT, &r))
        RAISE(EXC_OV);
    RD = (uint32_t)r;
    NEXT();
}
op_SUBU: RD = RS - RT; NEXT();
op_AND: RD = RS & RT; NEXT();
op_OR: RD = RS | RT; NEXT();
op_XOR: RD = RS ^ RT; NEXT();
op_NOR: RD = ~(RS | RT); NEXT();
op_SLT: RD = SRS < SRT; NEXT();
op_SLTU: RD = RS < RT; NEXT();
op_TGE: if (SRS >= SRT) RAISE(EXC_TR); NEXT();
op_TGEU: if (RS >= RT) RAISE(EXC_TR); NEXT();
op_TLT: if (SRS < SRT) RAISE(EXC_TR); NEXT();
op_TLTU: if (RS < RT) RAISE(EXC_TR); NEXT();
op_TEQ: if (RS == RT) RAISE(EXC_TR); NEXT();
op_TNE: if (RS != RT) RAISE(EXC_TR); NEXT();

op_BLTZ: BRANCH(SRS < 0);
op_BGEZ: BRANCH(SRS >= 0);
op_BLTZL: BRANCH_LIKELY(SRS < 0);
op_BGEZL: BRANCH_LIKELY(SRS >= 0);
op_BLTZAL: { bool c = SRS < 0; gpr[31] = pc + 8; BRANCH(c); }
op_BGEZAL: { bool c = SRS >= 0; gpr[31] = pc + 8; BRANCH(c); }
op_BLTZALL: { bool c = SRS < 0; gpr[31] = pc + 8; BRANCH_LIKELY(c); }
op_BGEZALL: { bool c = SRS >= 0; gpr[31] = pc + 8; BRANCH_LIKELY(c); }
op_TGEI: if (SRS >= SIMM) RAISE(EXC_TR); NEXT();
op_TGEIU: if (RS >= IMM) RAISE(EXC_TR); NEXT();
op_TLTI: if (SRS < SIMM) RAISE(EXC_TR); NEXT();
op_TLTIU: if (RS < IMM) RAISE(EXC_TR); NEXT();
op_TEQI: if (SRS == SIMM) RAISE(EXC_TR); NEXT();
op_TNEI: if (SRS != SIMM) RAISE(EXC_TR); NEXT();

op_J: JUMP(((pc + 4) & 0xf0000000u) | IMM);
op_JAL: gpr[31] = pc + 8; JUMP(((pc + 4) & 0xf0000000u) | IMM);
op_B: JUMP(pc + 4 + IMM);
op_BEQ: BRANCH(RS == RT);
op_BNE: BRANCH(RS != RT);
op_BLEZ: BRANCH(SRS <= 0);
op_BGTZ: BRANCH(SRS > 0);
op_BEQL: BRANCH_LIKELY(RS == RT);
op_BNEL: BRANCH_LIKELY(RS != RT);
op_BLEZL: BRANCH_LIKELY(SRS <= 0);
op_BGTZL: BRANCH_LIKELY(SRS > 0);
op_ADDI: {
    int32_t r;
    if (__builtin_add_overflow(SRS, SIMM, &r))
        RAISE(EXC_OV);
    RT = (uint32_t)r;
    NEXT();
}
op_ADDIU: RT = RS + IMM; NEXT();
op_SLTI: RT = SRS < SIMM; NEXT();
op_SLTIU: RT = RS < IMM; NEXT();
op_ANDI: RT = RS & IMM; NEXT();
op_ORI: RT = RS | IMM; NEXT();
op_XORI: RT = RS ^ IMM; NEXT();
op_LUI: RT = IMM; NEXT();

op_TLBR: PRIV(cpu->priv->tlbop(cpu, TLBOP_TLBR)); NEXT();
op_TLBWI: PRIV(cpu->priv->tlbop(cpu, TLBOP_TLBWI)); NEXT();
op_TLBWR: PRIV(cpu->priv->tlbop(cpu, TLBOP_TLBWR)); NEXT();
op_TLBP: PRIV(cpu->priv->tlbop(cpu, TLBOP_TLBP)); NEXT();
op_ERET: SYNC_OUT(); cpu->priv->eret(cpu); goto redirected;
op_DERET: SYNC_OUT(); cpu->priv->deret(cpu); goto redirected;
op_WAIT: PRIV(cpu->priv->wait(cpu)); NEXT();
op_MFC0: {
    uint32_t v;
    PRIV(cpu->priv->mfc0(cpu, d->rd, d->sa, &v));
    RT = v;
    NEXT();
}
op_MTC0: PRIV(cpu->priv->mtc0(cpu, d->rd, d->sa, RT)); NEXT();
op_RDPGPR:
    SYNC_OUT();
    if (!cpu->priv->kernel_mode(cpu))
        RAISE(EXC_CPU);
    RD = RT;
    NEXT();
op_DI:
op_EI: {
    uint32_t old;
    PRIV(cpu->priv->di_ei(cpu, d->op == OP_EI, &old));
    RT = old;
    NEXT();
}
op_COP_UNUSABLE: SYNC_OUT(); cpu->priv->cop_unusable(cpu, d->sa); goto redirected;

op_MADD: set_hilo(cpu, hilo(cpu) + (uint64_t)((int64_t)SRS * SRT)); NEXT();
op_MADDU: set_hilo(cpu, hilo(cpu) + (uint64_t)RS * RT); NEXT();
op_MUL: RD = (uint32_t)((int64_t)SRS * SRT); NEXT();
op_MSUB: set_hilo(cpu, hilo(cpu) - (uint64_t)((int64_t)SRS * SRT)); NEXT();
op_MSUBU: set_hilo(cpu, hilo(cpu) - (uint64_t)RS * RT); NEXT();
op_CLZ: RD = clz32(RS); NEXT();
op_CLO: RD = clz32(~RS); NEXT();
op_SDBBP: PRIV(cpu->priv->sdbbp(cpu, IMM)); NEXT();

op_EXT: RT = (RS >> d->sa) & IMM; NEXT();
op_INS: RT = (RT & ~IMM) | ((RS << d->sa) & IMM); NEXT();
op_WSBH: RD = ((RT & 0x00ff00ffu) << 8) | ((RT >> 8) & 0x00ff00ffu); NEXT();
op_SEB: RD = (uint32_t)(int8_t)RT; NEXT();
op_SEH: RD = (uint32_t)(int16_t)RT; NEXT();
op_RDHWR: {
    uint32_t v;
    PRIV(cpu->priv->rdhwr(cpu, d->rd, &v));
    RT = v;
    NEXT();
}

op_LB: { uint32_t v; LOAD(1, RS + IMM, v); RT = (uint32_t)(int8_t)v; NEXT(); }
op_LH: { uint32_t v; LOAD(2, RS + IMM, v); RT = (uint32_t)(int16_t)v; NEXT(); }
op_LW: { uint32_t v; LOAD(4, RS + IMM, v); RT = v; NEXT(); }
op_LBU: { uint32_t v; LOAD(1, RS + IMM, v); RT = v; NEXT(); }
op_LHU: { uint32_t v; LOAD(2, RS + IMM, v); RT = v; NEXT(); }
op_LWL: { /* little-endian: the word's high-order bytes into RT's top */
    uint32_t va = RS + IMM, w;
    unsigned shift = (3 - (va & 3)) * 8;
    LOAD(4, va & ~3u, w);
    uint32_t keep = shift ? (1u << shift) - 1 : 0;
    RT = (RT & keep) | (w << shift);
    NEXT();
}
op_LWR: { /* little-endian: the word's low-order bytes into RT's bottom */
    uint32_t va = RS + IMM, w;
    unsigned shift = (va & 3) * 8;
    LOAD(4, va & ~3u, w);
    uint32_t keep = shift ? ~(0xffffffffu >> shift) : 0;
    RT = (RT & keep) | (w >> shift);
    NEXT();
}
op_SB: STORE(1, RS + IMM, RT); NEXT();
op_SH: STORE(2, RS + IMM, RT); NEXT();
op_SW: STORE(4, RS + IMM, RT); NEXT();
op_SWL: {
    uint32_t va = RS + IMM, w;
    unsigned shift = (3 - (va & 3)) * 8;
    LOAD(4, va & ~3u, w);
    uint32_t mask = 0xffffffffu >> shift;
    STORE(4, va & ~3u, (w & ~mask) | (RT >> shift));
    NEXT();
}
op_SWR: {
    uint32_t va = RS + IMM, w;
    unsigned shift = (va & 3) * 8;
    LOAD(4, va & ~3u, w);
    uint32_t mask = 0xffffffffu << shift;
    STORE(4, va & ~3u, (w & ~mask) | (RT << shift));
    NEXT();
}
op_CACHE: PRIV(cpu->priv->cache(cpu, d->rt, RS + IMM)); NEXT();
op_LL: {
    uint32_t v;
    SYNC_OUT();
    if (!mmu_load_linked(cpu, RS + IMM, &v))
        goto redirected;
    AFTER_CALL();
    RT = v;
    NEXT();
}
op_SC: /* rt is both source and destination, so it is never the sink */
    if (cpu->llbit || ((RS + IMM) & 3)) { /* misaligned: AdES, LLbit or not */
        STORE(4, RS + IMM, RT);
        cpu->llbit = false;
        RT = 1;
    } else {
        RT = 0;
    }
    gpr[0] = 0;
    NEXT();

redirected:
    /* The privileged layer moved the CPU (exception, ERET, debug mode). */
    SYNC_IN();
    fetch_page = FETCH_PAGE_NONE;
    if (cpu->exit_request)
        STOP_AFTER_THIS();
    goto next;

out:
    SYNC_OUT();
    return budget - left;
}

#undef SYNC_OUT
#undef SYNC_IN
#undef STOP_AFTER_THIS
#undef AFTER_CALL
#undef RAISE
#undef PRIV
#undef LOAD
#undef STORE
#undef PRECISE_TAIL
#undef FETCH_ON_PAGE
#undef BREAKPOINT_CHECK
#undef DISPATCH_NEXT
#undef DISPATCH
#undef NEXT
#undef JUMP
#undef BRANCH
#undef BRANCH_LIKELY
#undef RS
#undef RT
#undef RD
#undef SRS
#undef SRT
#undef IMM
#undef SIMM
#undef HANDLER_LABEL
