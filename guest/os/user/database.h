/*
 * database.h - the algorithm of the database workload: bank-style
 * transactions on a table of accounts shared by several client
 * processes.  Shared by database.c and tests/os/database.c (the host
 * reference).  Lab: workloads (database is the paper's write-shared
 * workload).
 *
 * Client c runs `txns` transactions.  Transaction i takes three random
 * numbers from the client's own generator: two different accounts a and
 * b and an amount; it moves the amount from a to b, counts an update on
 * both, XORs the transaction's id into both (a tag), and adds the amount
 * to the total of a's branch (one of 16).  Then it appends a 16-byte
 * record {id, a, b, amount} to the client's log file.
 *
 * Addition and XOR do not care about order, so the final table is the
 * same however the clients' transactions interleave - provided each
 * update is atomic, which is what the locks are for.  The checksum hashes
 * the table, the branch totals and every client's log.
 */
#ifndef OS_DATABASE_H
#define OS_DATABASE_H

#include <stdint.h>

#include "workload.h"

#define DB_BRANCHES 16
#define DB_START_BALANCE 1000

struct db_params {
    int clients, accounts, txns;
};

/* size=small: 4 clients x 400 transactions on 256 accounts; medium:
 * 4 x 8000 on 4096; large: 4 x 20000 on 65536.  clients=, accounts=,
 * txns= override. */
static inline int db_params(struct db_params *p, int argc, char **argv)
{
    static const int txns[] = { 400, 8000, 20000 }, accounts[] = { 256, 4096, 65536 };
    int s = wl_size(argc, argv);
    if (s < 0)
        return -1;
    p->clients = wl_arg_int(argc, argv, "clients", 4);
    p->accounts = wl_arg_int(argc, argv, "accounts", accounts[s]);
    p->txns = wl_arg_int(argc, argv, "txns", txns[s]);
    return p->clients >= 1 && p->clients <= 32 && p->accounts >= 2 && p->txns >= 0 &&
                   p->txns <= 30000
               ? 0
               : -1;
}

struct db_account {
    volatile uint32_t lock;             /* an LL/SC lock (struct ulock in the guest) */
    int32_t balance;
    uint32_t updates;
    uint32_t tag;
};

struct db_branch {
    volatile uint32_t lock;
    uint32_t total, count, pad;
};

struct db_txn {                         /* also the log record */
    uint32_t id, from, to, amount;
};

/* Transaction i of client c (its generator state in *rng). */
static inline struct db_txn db_next_txn(const struct db_params *p, int c, int i,
                                        uint32_t *rng)
{
    struct db_txn t;
    t.id = (uint32_t)c << 24 | (uint32_t)i;
    t.from = rng_next(rng) % (uint32_t)p->accounts;
    t.to = rng_next(rng) % (uint32_t)p->accounts;
    if (t.to == t.from)
        t.to = (t.to + 1) % (uint32_t)p->accounts;
    t.amount = rng_next(rng) % 100 + 1;
    return t;
}

static inline uint32_t db_seed(int c)
{
    return 0xdb000000u + (uint32_t)c * 7919u;
}

/* The updates of one transaction (the caller holds the locks). */
static inline void db_apply_accounts(struct db_account *acc, const struct db_txn *t)
{
    acc[t->from].balance -= (int32_t)t->amount;
    acc[t->to].balance += (int32_t)t->amount;
    acc[t->from].updates++;
    acc[t->to].updates++;
    acc[t->from].tag ^= t->id;
    acc[t->to].tag ^= t->id;
}

static inline void db_apply_branch(struct db_branch *br, const struct db_txn *t)
{
    br[t->from % DB_BRANCHES].total += t->amount;
    br[t->from % DB_BRANCHES].count++;
}

/* The table and branches' part of the checksum. */
static inline uint32_t db_table_hash(const struct db_account *acc, int accounts,
                                     const struct db_branch *br)
{
    uint32_t h = FNV_INIT;
    for (int i = 0; i < accounts; i++) {
        h = fnv_word(h, (uint32_t)acc[i].balance);
        h = fnv_word(h, acc[i].updates);
        h = fnv_word(h, acc[i].tag);
    }
    for (int i = 0; i < DB_BRANCHES; i++) {
        h = fnv_word(h, br[i].total);
        h = fnv_word(h, br[i].count);
    }
    return h;
}

#endif
