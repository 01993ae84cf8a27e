/*
 * database.c - host reference for disco-os's database workload
 * (guest/os/user/database.c): the same transactions (database.h), client
 * after client, with the logs kept in memory.  Prints
 * "database checksum: 0x...".
 *
 *   database [size=small|medium|large] [clients=N] [accounts=N] [txns=N]
 */
#include <stdio.h>
#include <stdlib.h>

#include "database.h"

int main(int argc, char **argv)
{
    struct db_params p;
    if (db_params(&p, argc, argv) < 0) {
        fprintf(stderr, "usage: database [size=small|medium|large] [clients=N] [accounts=N] [txns=N]\n");
        return 2;
    }
    struct db_account *acc = calloc(p.accounts, sizeof *acc);
    struct db_branch br[DB_BRANCHES] = { { 0, 0, 0, 0 } };
    struct db_txn *logs = calloc((size_t)p.clients * p.txns + 1, sizeof *logs);
    if (!acc || !logs)
        return 1;
    for (int i = 0; i < p.accounts; i++)
        acc[i].balance = DB_START_BALANCE;
    for (int c = 0; c < p.clients; c++) {
        uint32_t rng = db_seed(c);
        for (int i = 0; i < p.txns; i++) {
            struct db_txn t = db_next_txn(&p, c, i, &rng);
            db_apply_accounts(acc, &t);
            db_apply_branch(br, &t);
            logs[c * p.txns + i] = t;
        }
    }
    uint32_t h = db_table_hash(acc, p.accounts, br);
    for (int c = 0; c < p.clients; c++)
        h = fnv_bytes(h, (const uint8_t *)&logs[c * p.txns], (uint32_t)(p.txns * sizeof *logs));
    printf("database checksum: 0x%08x\n", h);
    return 0;
}
