/*
 * branch.c - guest test of every MIPS32 branch and jump (MIPS32 Vol. II),
 * taken and not taken: the delay slot always runs after a branch, and
 * after a branch-likely only when it is taken (nullified otherwise);
 * BLTZAL/BGEZAL/BLTZALL/BGEZALL link ra = branch + 8 whether or not
 * they branch; JAL/BAL/JALR link, and the delay slot already sees the
 * new ra; JALR rd links rd; JR/JALR use the register value from before
 * their delay slot.  The instructions are in branch-asm.S.
 */
#include <stdint.h>

#include "check.h"

typedef uint32_t (*brfn)(uint32_t, uint32_t);
uint32_t br_beq(uint32_t, uint32_t), br_bne(uint32_t, uint32_t),
    br_blez(uint32_t, uint32_t), br_bgtz(uint32_t, uint32_t),
    br_bltz(uint32_t, uint32_t), br_bgez(uint32_t, uint32_t),
    br_b(uint32_t, uint32_t), br_beql(uint32_t, uint32_t),
    br_bnel(uint32_t, uint32_t), br_blezl(uint32_t, uint32_t),
    br_bgtzl(uint32_t, uint32_t), br_bltzl(uint32_t, uint32_t),
    br_bgezl(uint32_t, uint32_t), br_j(uint32_t, uint32_t),
    br_bltzal(uint32_t, uint32_t), br_bgezal(uint32_t, uint32_t),
    br_bltzall(uint32_t, uint32_t), br_bgezall(uint32_t, uint32_t),
    br_bal(uint32_t, uint32_t), br_jal(uint32_t, uint32_t),
    br_jr(uint32_t, uint32_t), br_jr_hb(uint32_t, uint32_t),
    br_jalr(uint32_t, uint32_t), br_jalr_rd(uint32_t, uint32_t),
    br_jalr_hb(uint32_t, uint32_t),
    br_beq_slot_changes_operand(uint32_t, uint32_t),
    br_jr_slot_changes_target(void), br_loop(uint32_t);
extern volatile uint32_t br_addr, br_link, br_link_rd, br_slot_ra;

/* Outcomes (bits of the BT/BL return value). */
#define TAKEN 3         /* delay slot + target */
#define NOT_TAKEN 5     /* delay slot + fall-through */
#define NULLIFIED 4     /* likely not taken: fall-through only */
/* BL/BJ functions record the delay slot in br_slot_ra, not in v0. */
#define TARGET 2
#define FALL 4
#define POISON 0x5a5a5a5a

struct bcase {
    const char *name;
    brfn fn;
    uint32_t a, b, want;
};

static const struct bcase cases[] = {
    {"beq equal", br_beq, 5, 5, TAKEN},
    {"beq different", br_beq, 5, 6, NOT_TAKEN},
    {"bne different", br_bne, 5, 6, TAKEN},
    {"bne equal", br_bne, 7, 7, NOT_TAKEN},
    {"blez 0", br_blez, 0, 0, TAKEN},
    {"blez -1", br_blez, 0xffffffff, 0, TAKEN},
    {"blez 0x80000000", br_blez, 0x80000000, 0, TAKEN},
    {"blez 1", br_blez, 1, 0, NOT_TAKEN},
    {"bgtz 1", br_bgtz, 1, 0, TAKEN},
    {"bgtz 0x7fffffff", br_bgtz, 0x7fffffff, 0, TAKEN},
    {"bgtz 0", br_bgtz, 0, 0, NOT_TAKEN},
    {"bgtz -1", br_bgtz, 0xffffffff, 0, NOT_TAKEN},
    {"bltz -1", br_bltz, 0xffffffff, 0, TAKEN},
    {"bltz 0", br_bltz, 0, 0, NOT_TAKEN},
    {"bgez 0", br_bgez, 0, 0, TAKEN},
    {"bgez 0x80000000", br_bgez, 0x80000000, 0, NOT_TAKEN},
    {"b", br_b, 0, 0, TAKEN},
    {"j", br_j, 0, 0, TAKEN},
    {"beql equal", br_beql, 3, 3, TAKEN},
    {"beql different (slot nullified)", br_beql, 3, 4, NULLIFIED},
    {"bnel different", br_bnel, 3, 4, TAKEN},
    {"bnel equal (slot nullified)", br_bnel, 3, 3, NULLIFIED},
    {"blezl 0", br_blezl, 0, 0, TAKEN},
    {"blezl 1 (slot nullified)", br_blezl, 1, 0, NULLIFIED},
    {"bgtzl 1", br_bgtzl, 1, 0, TAKEN},
    {"bgtzl 0 (slot nullified)", br_bgtzl, 0, 0, NULLIFIED},
    {"bltzl -5", br_bltzl, (uint32_t)-5, 0, TAKEN},
    {"bltzl 0 (slot nullified)", br_bltzl, 0, 0, NULLIFIED},
    {"bgezl 0", br_bgezl, 0, 0, TAKEN},
    {"bgezl -1 (slot nullified)", br_bgezl, 0xffffffff, 0, NULLIFIED},
};

struct lcase {
    const char *name;
    brfn fn;
    uint32_t a, want;
    int slot_runs;
};

static const struct lcase links[] = {
    {"bltzal -1", br_bltzal, 0xffffffff, TARGET, 1},
    {"bltzal 1 (not taken, still links)", br_bltzal, 1, FALL, 1},
    {"bgezal 0", br_bgezal, 0, TARGET, 1},
    {"bgezal -1 (not taken, still links)", br_bgezal, 0xffffffff, FALL, 1},
    {"bltzall -1", br_bltzall, 0xffffffff, TARGET, 1},
    {"bltzall 0 (nullified, still links)", br_bltzall, 0, FALL, 0},
    {"bgezall 1", br_bgezall, 1, TARGET, 1},
    {"bgezall -1 (nullified, still links)", br_bgezall, 0xffffffff, FALL, 0},
    {"bal", br_bal, 0, TARGET, 1},
    {"jal", br_jal, 0, TARGET, 1},
    {"jalr", br_jalr, 0, TARGET, 1},
    {"jalr.hb", br_jalr_hb, 0, TARGET, 1},
};

int main(void)
{
    check_start("branch");

    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct bcase *c = &cases[i];
        check_eqf(c->want, c->fn(c->a, c->b), "%s", c->name);
    }

    for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++) {
        const struct lcase *c = &links[i];
        check_eqf(c->want, c->fn(c->a, 0), "%s: path", c->name);
        check_eqf(br_addr + 8, br_link, "%s: ra = branch + 8", c->name);
        check_eqf(c->slot_runs ? br_addr + 8 : 0, br_slot_ra,
                  "%s: delay slot sees the new ra", c->name);
    }

    check_eq("jr: path", TARGET, br_jr(0, 0));
    check_eq("jr: ra untouched", POISON, br_link);
    check_eq("jr: delay slot runs", POISON, br_slot_ra);
    check_eq("jr.hb: path", TARGET, br_jr_hb(0, 0));
    check_eq("jr.hb: ra untouched", POISON, br_link);
    check_eq("jr.hb: delay slot runs", POISON, br_slot_ra);
    check_eq("jalr rd: path", TARGET, br_jalr_rd(0, 0));
    check_eq("jalr rd: rd = jalr + 8", br_addr + 8, br_link_rd);
    check_eq("jalr rd: ra untouched", POISON, br_link);
    check_eq("jalr rd: delay slot runs", POISON, br_slot_ra);

    check_eq("beq uses operands from before its delay slot", TARGET,
             br_beq_slot_changes_operand(9, 9));
    check_eq("jr uses the register from before its delay slot", TARGET,
             br_jr_slot_changes_target());
    check_eq("backward bgtz loop with decrement in the delay slot", 6,
             br_loop(5));

    return check_done();
}
