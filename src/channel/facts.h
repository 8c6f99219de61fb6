/* facts.h: the key facts of a record as short Chinese text, the same in
 * every channel that has little room (group messages, LED screens, TV
 * slides): its title, its key figure, its notice period. */
#ifndef NB_CHANNEL_FACTS_H
#define NB_CHANNEL_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "util/util.h"

/* The title a channel may show: for an assistance list the one without its
 * people's names (record.title, scrubbed), for the others the same. */
const char *facts_title(const struct record *r);

/* The record's key figure: what a reader wants first after the title.
 * brief: the shortest form (an LED screen's line), else with the details
 * a message has room for (the votes, the sums). Amounts in yuan from fen;
 * an assistance list's count of households and its total, never a name.
 * Appends nothing for a record that has no figure (a notice). */
void facts_figure(const struct record *r, bool brief, struct buf *out);

/* "2026年11月24日至11月30日": the notice period, with its year(s);
 * nothing when the record has none. */
void facts_period(const struct record *r, struct buf *out);

/* "356,820.00元": an amount in fen as yuan, exactly. */
void facts_yuan(int64_t fen, struct buf *out);

/* "92.1%": a permille as a percentage with one decimal, exactly. */
void facts_percent(int permille, struct buf *out);


#endif
