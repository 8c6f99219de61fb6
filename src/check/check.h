/* check.h: the rules of the content contract (section 9) that look across
 * keys, records and files, run once everything is loaded. */
#ifndef NB_CHECK_H
#define NB_CHECK_H

#include "model/model.h"

/* Runs every rule over the loaded county; fills in what the rules compute
 * (decision outcomes, follows links). Reports through diag. */
void check_county(struct county *county);
/* The rules of one village; villages can be checked in parallel. */
void check_village(const struct county *county, struct village *v);

/* The rules one by one, for tests. */
bool rule_met(int64_t value, int64_t base, struct fraction_rule rule);
/* The smallest value that meets the rule for base. */
int64_t rule_minimum(int64_t base, struct fraction_rule rule);
void check_decision(const struct site *site, struct record *r);
void check_notice_period(const struct record *r);
void check_finance(const struct record *r);
void check_survey(const struct record *r);
void check_sign_off(const struct record *r);
/* Rule 8: the 合计, 总计 and 小计 rows of the body's tables (tables.c). */
void check_tables(const struct record *r);
void check_follows(struct village *v);
void check_overdue(const struct county *county, const struct village *v);

/* A power used (a decision or a result) should follow a reminder talk
 * before it: a talk of phase before on the same item within this many days. */
#define TALK_WINDOW_DAYS 30
bool talk_before_use(const struct village *v, const struct record *use);
void check_talks(const struct village *v);

/* Whether a record counts for a recurring duty in period p: its own
 * `period` lies within p, or, without one, its date does. Talks and service
 * guides never do: they are about an item, not its disclosure. */
bool record_covers_period(const struct record *r, const struct period *p);

#endif
