/*
 * database.c - the database workload: client processes sharing a table in
 * one memory segment, with a lock per account and per branch, and one
 * system call (a log write) per transaction.  The algorithm is
 * database.h.  Lab: workloads, locking.
 *
 * In Disco's paper, Database (Sybase running decision support) is the
 * workload with write-shared data and many system calls; under Disco its
 * overhead is among the highest (Figure 5: 116).  Write-shared pages
 * cannot be replicated or usefully migrated.
 *
 *   database [size=small|medium|large] [clients=N] [accounts=N] [txns=N]
 *
 * The main process makes the segment (a header, the branches, the
 * accounts), spawns the clients ("database client C KEY") and waits for
 * them.  A client locks the two accounts of a transaction in a fixed
 * order (lower index first: no deadlock), updates them, then locks the
 * branch.  The locks are LL/SC spinlocks in user mode that yield the CPU
 * after a few tries (ulib.c), so a lock holder that was preempted gets
 * to run.  Each transaction is logged with write() to "db/log.C".
 * Finally the main process checks that no money was created or lost,
 * hashes the table and the logs, and prints "database checksum: 0x...".
 */
#include "database.h"
#include "ulib.h"

struct db_shared {
    struct db_params params;
    volatile uint32_t ready;
    struct db_branch branches[DB_BRANCHES];
    struct db_account accounts[];
};

static void lock(volatile uint32_t *l)
{
    ulock_acquire((struct ulock *)l);
}

static void unlock(volatile uint32_t *l)
{
    ulock_release((struct ulock *)l);
}

static int client(int c, uint32_t key)
{
    struct db_shared *sh = shm(key, 0);
    if (!sh)
        die("database client: no segment %x", key);
    char log[16];
    snprintf(log, sizeof log, "db/log.%d", c);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC);
    if (fd < 0)
        die("database client: %s: error %d", log, fd);
    uint32_t rng = db_seed(c);
    struct db_account *acc = sh->accounts;
    for (int i = 0; i < sh->params.txns; i++) {
        struct db_txn t = db_next_txn(&sh->params, c, i, &rng);
        uint32_t lo = t.from < t.to ? t.from : t.to, hi = t.from ^ t.to ^ lo;
        lock(&acc[lo].lock);
        lock(&acc[hi].lock);
        db_apply_accounts(acc, &t);
        unlock(&acc[hi].lock);
        unlock(&acc[lo].lock);
        struct db_branch *br = &sh->branches[t.from % DB_BRANCHES];
        lock(&br->lock);
        db_apply_branch(sh->branches, &t);
        unlock(&br->lock);
        if (write(fd, &t, sizeof t) != sizeof t)
            die("database client %d: log write failed", c);
    }
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "client") == 0)
        return client(atoi(argv[2]), (uint32_t)atoi(argv[3]));

    struct db_params p;
    if (db_params(&p, argc, argv) < 0)
        die("usage: database [size=small|medium|large] [clients=N] [accounts=N] [txns=N]");
    printf("database: %d clients x %d transactions on %d accounts\n", p.clients, p.txns,
           p.accounts);
    uint32_t key = 0x44420000u | (uint32_t)getpid();
    uint32_t size = sizeof(struct db_shared) + p.accounts * sizeof(struct db_account);
    struct db_shared *sh = shm(key, size);
    if (!sh)
        die("database: cannot make a %u-byte shared segment", size);
    sh->params = p;
    for (int i = 0; i < p.accounts; i++)
        sh->accounts[i].balance = DB_START_BALANCE;

    int start = uptime();
    char cs[12], keystr[12];
    snprintf(keystr, sizeof keystr, "%u", key);
    for (int c = 0; c < p.clients; c++) {
        snprintf(cs, sizeof cs, "%d", c);
        char *args[] = { "database", "client", cs, keystr, NULL };
        int pid = spawn("database", args);
        if (pid < 0)
            die("database: spawn: error %d", pid);
    }
    for (int c = 0; c < p.clients; c++) {
        int status;
        if (wait(-1, &status) < 0 || status != 0)
            die("database: a client failed (status %d)", status);
    }
    printf("database: %d ms\n", uptime() - start);

    int64_t sum = 0;
    for (int i = 0; i < p.accounts; i++)
        sum += sh->accounts[i].balance;
    if (sum != (int64_t)p.accounts * DB_START_BALANCE)
        die("database: money was created or lost (total %d)", (int)sum);

    uint32_t h = db_table_hash(sh->accounts, p.accounts, sh->branches);
    static uint8_t buf[4096];
    for (int c = 0; c < p.clients; c++) {
        char log[16];
        snprintf(log, sizeof log, "db/log.%d", c);
        int fd = open(log, O_RDONLY);
        if (fd < 0)
            die("database: %s: error %d", log, fd);
        for (int n; (n = read(fd, buf, sizeof buf)) > 0;)
            h = fnv_bytes(h, buf, (uint32_t)n);
        close(fd);
        unlink(log);
    }
    printf("database checksum: 0x%08x\n", h);
    return 0;
}
