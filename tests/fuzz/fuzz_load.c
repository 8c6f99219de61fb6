/* fuzz_load.c: libFuzzer target for the YAML and record loaders. The first
 * byte of an input picks what the rest is read as: a record file (most
 * inputs), or one of the catalog files. Rules are run on what loads. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/diag.h"
#include "load/load.h"

static struct county base;
static bool have_base;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_ctx ctx = {0};
	struct county county;
	char *text;
	size_t len;

	if (!have_base) {
		/* a small valid county gives the records a catalog to refer to */
		const char *root = getenv("NB_FUZZ_BASE");
		int32_t today;
		date_parse("2026-11-27", &today);
		county_load(&base, root ? root : "tests/invalid/_base", today);
		diag_reset();
		have_base = true;
	}
	if (size == 0)
		return 0;
	county = base;
	county.arena = arena_new();
	ctx.county = &county;
	ctx.arena = county.arena;
	ctx.root = "fuzz";
	len = size - 1;
	text = malloc(len + 1);
	memcpy(text, data + 1, len);
	text[len] = '\0';
	if (load_text_check("fuzz.md", text, &len)) {
		switch (data[0] % 8) {
		case 0:
			catalog_parse(&ctx, "powers.yaml", text, len);
			break;
		case 1:
			catalog_parse(&ctx, "services.yaml", text, len);
			break;
		case 2:
			catalog_parse(&ctx, "duties.yaml", text, len);
			break;
		default: {
			struct village village = {0};
			village.arena = county.arena;
			village.id = "fuzz";
			village.households = 412;
			village.adults = 1180;
			village.representatives = 45;
			village.party_members = 38;
			struct record *r = record_parse(&ctx, &village,
			    "fuzz.md", "fuzz", text, len);
			if (r != NULL) {
				struct record *list[1] = {r};
				village.records = list;
				village.n_records = 1;
				if (r->type == RT_DECISION)
					check_decision(&county.site, r);
				else if (r->type == RT_FINANCE)
					check_finance(r);
				else if (r->type == RT_SURVEY)
					check_survey(r);
				check_notice_period(r);
				check_sign_off(r);
				check_follows(&village);
				check_overdue(&county, &village);
			}
			break;
		}
		}
	}
	diag_reset();
	free(text);
	arena_free(county.arena);
	return 0;
}
