/* common.c: what the commands share: the usage and help texts, the answer to
 * a usage error, and the report of a run's diagnostics with its exit status. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "util/diag.h"
#include "util/distance.h"
#include "util/file.h"
#include "util/i18n.h"

const char *const cli_usage_text = N_(
    "usage: noticeboard build [-C CONTENT] [-o OUTPUT] [--date YYYY-MM-DD]\n"
    "                         [--only KINDS] [-j N]\n"
    "       noticeboard check [-C CONTENT] [--date YYYY-MM-DD] [--overdue] "
    "[PATH...]\n"
    "       noticeboard serve [-C CONTENT] [--port N] [--listen ADDR]\n"
    "                         [--date YYYY-MM-DD]\n"
    "       noticeboard flow FILE.yaml -o OUT.svg|OUT.png|OUT.pdf\n"
    "       noticeboard list powers|duties|villages|records [-C CONTENT]\n"
    "                        [--village TOWN/VILLAGE] [--overdue]\n"
    "       noticeboard init DIR\n"
    "       noticeboard new TYPE --village TOWN/VILLAGE --title TEXT "
    "[-C CONTENT]\n"
    "       noticeboard --help | --version\n"
    "       noticeboard COMMAND --help\n");

const char *const cli_help_text = N_(
    "\n"
    "noticeboard compiles a county's village-affairs records (Markdown and\n"
    "YAML) into a static website, A3 noticeboard posters, flowcharts, and\n"
    "what the WeChat account, the village groups, LED screens and service-hall\n"
    "TVs show.\n"
    "\n"
    "commands:\n"
    "  build   check the content, then write output/site, output/posters,\n"
    "          output/flowcharts, the channels (output/wechat, group, led,\n"
    "          tv) and the print formats (output/print: cards, banners,\n"
    "          boards, forms); a failed build leaves the old output as it was\n"
    "  check   check the content and report every problem, changing nothing\n"
    "  serve   preview the site and posters in a browser while editing: every\n"
    "          save rebuilds and reloads the page, errors show on the page\n"
    "  flow    draw one flowchart from a flow file\n"
    "  list    show the power list, the duties, the villages or the records\n"
    "          as a table\n"
    "  init    start a new county's content folder from the starter catalog\n"
    "  new     write a record skeleton for a village, ready to fill in\n"
    "\n"
    "options:\n"
    "  -C DIR          the content folder (default: content)\n"
    "  -o DIR          the output folder (default: output)\n"
    "  --date DATE     the build clock (default: SOURCE_DATE_EPOCH, or today)\n"
    "  --only LIST     build only some outputs, a comma list of: site,\n"
    "                  posters, flowcharts, wechat, group, led, tv, cards,\n"
    "                  banners, boards, forms\n"
    "  -j N            parallel workers (default: the number of cores)\n"
    "  --force         render every output again, ignoring the cache\n"
    "  --no-wait       (build) refuse at once when another build is writing\n"
    "                  into the output, instead of waiting for it\n"
    "  --overdue       (check) list what each village has not disclosed on time\n"
    "  --power ID      (new) the catalog item the record is about\n"
    "  --port N        (serve) the port (default: 8080, or the next free one)\n"
    "  --listen ADDR   (serve) the address to listen on (default: 127.0.0.1)\n"
    "\n"
    "Every command answers --help, with an example.\n"
    "Messages are in Chinese; set LANGUAGE=en for English.\n"
    "\n"
    "exit status: 0 success (warnings allowed), 1 content errors,\n"
    "2 usage errors, 3 system failure (I/O, memory, fonts).\n");

/* Each command's own help, with an example. */
static const struct {
	const char *name;
	const char *text;
} command_help[] = {
	{"build", N_(
	    "usage: noticeboard build [-C CONTENT] [-o OUTPUT] [--date YYYY-MM-DD]\n"
	    "                         [--only KINDS] [-j N] [--force] [--no-wait]\n"
	    "\n"
	    "Checks the content, then writes the website (OUTPUT/site), this week's\n"
	    "posters (OUTPUT/posters), the flowcharts (OUTPUT/flowcharts), the WeChat\n"
	    "articles (OUTPUT/wechat), the group messages (OUTPUT/group), the LED\n"
	    "screens' text and frames (OUTPUT/led), the TV slides (OUTPUT/tv) and\n"
	    "the print formats (OUTPUT/print: cards, banners, boards, survey forms).\n"
	    "Only what changed since the last build is made again. When the content has\n"
	    "errors nothing is written and the last good output stays as it was.\n"
	    "\n"
	    "  -C DIR       the content folder (default: content)\n"
	    "  -o DIR       the output folder (default: output)\n"
	    "  --date DATE  the build clock: which notices are current, which week\n"
	    "               the posters show, what is overdue (default: today)\n"
	    "  --only LIST  only some outputs, a comma list of: site, posters,\n"
	    "               flowcharts, wechat, group, led, tv, cards, banners,\n"
	    "               boards, forms\n"
	    "  -j N         parallel workers (default: the number of cores)\n"
	    "  --force      make everything again, ignoring the cache\n"
	    "  --no-wait    when another build is writing into OUTPUT, stop at\n"
	    "               once (exit 3) instead of waiting for it to finish\n"
	    "\n"
	    "example:\n"
	    "  noticeboard build -C content -o output\n"
	    "  noticeboard build --only posters --date 2026-11-27\n")},
	{"check", N_(
	    "usage: noticeboard check [-C CONTENT] [--date YYYY-MM-DD] [--overdue]\n"
	    "                         [PATH...]\n"
	    "\n"
	    "Reads every file of the content folder and reports every problem, each\n"
	    "with its file, line and column, changing nothing. Run it after every\n"
	    "edit; fix the errors from the top. With PATH (a record, or a village's\n"
	    "folder), only the problems of those files are reported. A record with\n"
	    "draft: true is checked too, but its problems are warnings.\n"
	    "\n"
	    "  -C DIR       the content folder (default: content)\n"
	    "  --date DATE  the date to check against (default: today)\n"
	    "  --overdue    also list, village by village, what was not disclosed\n"
	    "               on time and by when it was due\n"
	    "\n"
	    "example:\n"
	    "  noticeboard check -C content\n"
	    "  noticeboard check content/fushui/wangjia/2026/11/2026-11-20-road.md\n"
	    "  noticeboard check --overdue\n")},
	{"serve", N_(
	    "usage: noticeboard serve [-C CONTENT] [--port N] [--listen ADDR]\n"
	    "                         [--date YYYY-MM-DD]\n"
	    "\n"
	    "Builds the website and this week's posters into a private folder and\n"
	    "shows them in the browser at the address it prints. Every time a file\n"
	    "of the content is saved it builds again, only what changed, and every\n"
	    "open page reloads by itself. While the content has errors they are\n"
	    "shown on the page, each with its file, line and the line itself, and\n"
	    "the last good build stays. Drafts are shown too, marked as drafts.\n"
	    "The posters are at /__noticeboard/preview. Nothing is written into\n"
	    "the output folder: run build for that. Stop it with Ctrl-C.\n"
	    "\n"
	    "  -C DIR         the content folder (default: content)\n"
	    "  --port N       the port (default: 8080, or the next free one; 0: any\n"
	    "                 free port)\n"
	    "  --listen ADDR  the address to listen on (default: 127.0.0.1, this\n"
	    "                 computer only; 0.0.0.0 shows it to the whole network)\n"
	    "  --date DATE    the build clock (default: today)\n"
	    "\n"
	    "example:\n"
	    "  noticeboard serve -C content\n"
	    "  (then open http://127.0.0.1:8080/ in the browser)\n")},
	{"flow", N_(
	    "usage: noticeboard flow FILE.yaml -o OUT.svg|OUT.png|OUT.pdf\n"
	    "\n"
	    "Draws one flowchart from a flow file (steps and edges, as under flow:\n"
	    "in the catalog). The output's ending chooses the format.\n"
	    "\n"
	    "example:\n"
	    "  noticeboard flow dibao.yaml -o dibao.png\n")},
	{"list", N_(
	    "usage: noticeboard list powers|duties|villages|records [-C CONTENT]\n"
	    "                        [--village TOWN/VILLAGE] [--overdue]\n"
	    "\n"
	    "Shows the catalog and the county as tables:\n"
	    "  powers    every power item: id, name, domain, its flowchart, the\n"
	    "            days of notice, how often it is disclosed, the deadline\n"
	    "  duties    the cadres' responsibility lists\n"
	    "  villages  every village with its records, its assessment score\n"
	    "            and how many things are overdue (--overdue: only those)\n"
	    "  records   every record, or one village's (--village)\n"
	    "\n"
	    "example:\n"
	    "  noticeboard list powers\n"
	    "  noticeboard list records --village fushui/wangjia\n"
	    "  noticeboard list villages --overdue\n")},
	{"init", N_(
	    "usage: noticeboard init DIR\n"
	    "\n"
	    "Starts a new county's content folder DIR from the starter catalog: the\n"
	    "list of small and micro powers with their flowcharts, the cadres'\n"
	    "responsibility lists and the service guides, and a site.yaml to fill\n"
	    "in. It then says how to add the towns and villages. DIR must not\n"
	    "exist yet, or be empty.\n"
	    "\n"
	    "example:\n"
	    "  noticeboard init mycounty\n"
	    "  noticeboard check -C mycounty\n")},
	{"new", N_(
	    "usage: noticeboard new TYPE --village TOWN/VILLAGE --title TEXT\n"
	    "                       [--power ID] [-C CONTENT]\n"
	    "\n"
	    "Writes a skeleton of a record for a village, dated today, with every\n"
	    "key it needs and a Chinese comment on each, ready to fill in. TYPE is\n"
	    "one of decision (决策), progress (执行), result (结果), finance (财务),\n"
	    "assistance (救助), service (服务), notice (通知), survey (测评),\n"
	    "talk (谈话). It prints the path of the new file.\n"
	    "\n"
	    "example:\n"
	    "  noticeboard new 决策 --village fushui/wangjia --title 村道硬化工程立项 --power p04\n")},
};

const char *
cli_command_help(const char *name)
{
	for (size_t i = 0; i < sizeof command_help / sizeof *command_help; i++)
		if (strcmp(command_help[i].name, name) == 0)
			return _(command_help[i].text);
	return NULL;
}

int
cli_usage_error(const char *fmt, const char *arg)
{
	fputs(_("noticeboard: "), stderr);
	fprintf(stderr, _(fmt), arg);
	fputs("\n", stderr);
	fputs(_(cli_usage_text), stderr);
	return 2;
}

/* Prints the diagnostics and the summary, one line, ending with more when
 * it is not NULL; returns the exit status. */
int
report_and_status(enum load_status status, const char *what, const char *more)
{
	size_t errors = diag_count(DIAG_ERROR);
	size_t warnings = diag_count(DIAG_WARNING);

	diag_print(stderr);
	char e[64], w[64];
	snprintf(e, sizeof e, NG_("%zu error", "%zu errors", errors), errors);
	snprintf(w, sizeof w, NG_("%zu warning", "%zu warnings", warnings),
	    warnings);
	if (more != NULL)
		/* TRANSLATORS: the command (check), the two counts, then what
		 * was read: "1 town, 2 villages, 5 records" */
		fprintf(stderr, _("noticeboard: %s: %s, %s; %s\n"), _(what), e, w,
		    more);
	else
		/* TRANSLATORS: the command (check, build), then the two counts */
		fprintf(stderr, _("noticeboard: %s: %s, %s\n"), _(what), e, w);
	if (status == LOAD_IO_FAILED)
		return 3;
	return errors > 0 ? 1 : 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The themes installed under data_dir, sorted, joined by "、". */
static void
installed_themes(const char *data_dir, struct buf *out)
{
	char *dir = path_join(data_dir, "themes");
	DIR *d = opendir(dir);
	struct ptrvec names = {0};
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *p = path_join(dir, e->d_name);
		if (path_is_dir(p))
			ptrvec_push(&names, xstrdup(e->d_name));
		free(p);
	}
	if (d != NULL)
		closedir(d);
	qsort(names.items, names.len, sizeof *names.items, cmp_str);
	for (size_t i = 0; i < names.len; i++) {
		if (i > 0)
			buf_puts(out, "、");
		buf_puts(out, names.items[i]);
		free(names.items[i]);
	}
	ptrvec_free(&names);
	free(dir);
}

void
check_theme(const struct county *c, const char *argv0)
{
	const char *name = c->site.theme, *data;
	struct buf have = {0};

	if (name == NULL || *name == '\0' || strcmp(name, "default") == 0)
		return;
	if ((data = data_dir(argv0)) == NULL)
		return;         /* the build says the data is missing */
	char *themes = path_join(data, "themes");
	char *dir = path_join(themes, name);
	bool plain = strchr(name, '/') == NULL && name[0] != '.';
	if (!plain || !path_is_dir(dir)) {
		installed_themes(data, &have);
		diag_error(&c->site.theme_pos, _("there is no theme '%s': name "
		    "one of the installed themes (%s), or remove the line to use "
		    "the default one"), name, have.len ? have.data : "default");
	}
	buf_free(&have);
	free(dir);
	free(themes);
}

/* The TOWN/VILLAGE of a village folder in content (one with village.yaml)
 * nearest to spec, a clerk's misspelling of it: malloc'd, or NULL. */
char *
near_village_of(const char *content, const char *spec)
{
	DIR *towns = opendir(content);
	struct dirent *t, *v;
	char **names = NULL, *near = NULL;
	size_t n = 0, cap = 0;

	if (towns == NULL)
		return NULL;
	while ((t = readdir(towns)) != NULL) {
		if (t->d_name[0] == '.')
			continue;
		char *tdir = path_join(content, t->d_name);
		DIR *vils = opendir(tdir);
		while (vils != NULL && (v = readdir(vils)) != NULL) {
			if (v->d_name[0] == '.')
				continue;
			char *vdir = path_join(tdir, v->d_name);
			char *vy = path_join(vdir, "village.yaml");
			if (path_exists(vy)) {
				if (n + 2 > cap) {
					cap = cap ? 2 * cap : 64;
					names = xrealloc(names, cap * sizeof *names);
				}
				size_t len = strlen(t->d_name) + strlen(v->d_name) + 2;
				names[n] = xmalloc(len);
				snprintf(names[n], len, "%s/%s", t->d_name, v->d_name);
				n++;
			}
			free(vy);
			free(vdir);
		}
		if (vils != NULL)
			closedir(vils);
		free(tdir);
	}
	closedir(towns);
	if (n == 0)
		return NULL;
	/* in order, so that of two as near the same is named every time */
	qsort(names, n, sizeof *names, cmp_str);
	names[n] = NULL;
	const char *best = did_you_mean(spec, (const char *const *)names);
	if (best != NULL)
		near = xstrdup(best);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return near;
}
