/* cmd_init.c: `noticeboard init DIR` starts a county's content folder from
 * the starter catalog; `noticeboard new` writes a record skeleton with every
 * key its type takes, for a clerk to fill in. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "util/i18n.h"
#include "util/diag.h"
#include "load/schema.h"
#include "util/util.h"

static const char site_template[] =
    "# 县级设置：名称、网址、监督电话、海报与隐私设置。\n"
    "# 全县的设置：县名、网址、监督电话、海报、个人信息保护。\n"
    "# 每个键后面是中文说明；值可以写中文，如 week_start: 星期一。\n"
    "name: 某某县                         # 县名，印在网站和海报上\n"
    "base_url: https://example.gov.cn/cunwu/   # 网站发布后的网址（海报二维码指向这里）\n"
    "hotline: 0000-0000000               # 监督举报电话，公开，不遮蔽\n"
    "week_start: monday                  # 每周从星期几开始（monday 或 星期一）\n"
    "poster:                             # 海报\n"
    "  size: A3                          # 纸张大小\n"
    "  bleed_mm: 3                       # 出血，毫米\n"
    "  crop_marks: true                  # 是否印裁切线（true 是，false 否）\n"
    "privacy:                            # 个人信息保护\n"
    "  on_unmasked: mask                 # 发现身份证号、手机号、银行卡号：mask 自动遮蔽，error 报错\n";

static int
copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	int rc;

	if (file_read(from, CONTENT_FILE_LIMIT, &data, &len) != 0)
		return -1;
	rc = file_write_atomic(to, data, len);
	free(data);
	return rc;
}

int
cmd_init(struct cmd_options *o)
{
	static const char *const parts[] = {"powers.yaml", "duties.yaml",
		"services.yaml"};
	const char *dir, *data;
	char *catalog = NULL, *site = NULL;
	int rc = 3;

	if (o->n_args != 1) {
		fputs(_("noticeboard: init needs one folder: noticeboard init DIR\n"),
		    stderr);
		return 2;
	}
	dir = o->args[0];
	if (path_exists(dir) && !(path_is_dir(dir) && dir_is_empty(dir))) {
		fprintf(stderr, _("noticeboard: '%s' already exists and is not an "
		    "empty folder; choose a new folder\n"), dir);
		return 2;
	}
	data = data_dir(o->argv0);
	if (data == NULL) {
		struct buf why = {0};
		data_dir_explain(&why);
		diag_system("%s", why.data);
		buf_free(&why);
		return 3;
	}
	catalog = path_join(dir, "catalog");
	if (mkdir_p(catalog, 0755) != 0) {
		diag_system("cannot create '%s': %s", catalog, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < NB_COUNT(parts); i++) {
		char *rel = path_join("seeds/catalog", parts[i]);
		char *from = path_join(data, rel);
		char *to = path_join(catalog, parts[i]);
		int failed = copy_file(from, to);
		if (failed)
			diag_system("cannot copy '%s' to '%s': %s", from, to,
			    strerror(errno));
		free(rel);
		free(from);
		free(to);
		if (failed)
			goto out;
	}
	site = path_join(dir, "site.yaml");
	if (file_write_atomic(site, site_template, sizeof site_template - 1) != 0) {
		diag_system("cannot write '%s': %s", site, strerror(errno));
		goto out;
	}
	printf(_("created %s with site.yaml and the starter catalog\n"
	    "next:\n"
	    "  1. edit %s/site.yaml: the county's name, web address and hotline\n"
	    "  2. make a folder per town, such as %s/fushui, with a town.yaml "
	    "(name: 富水镇)\n"
	    "  3. make a folder per village in it, such as %s/fushui/wangjia, "
	    "with a village.yaml (name: 王家村)\n"
	    "  4. add records with: noticeboard new notice --village "
	    "fushui/wangjia --title 通知 -C %s\n"
	    "  5. check with: noticeboard check -C %s\n"),
	    dir, dir, dir, dir, dir, dir);
	rc = 0;
out:
	free(catalog);
	free(site);
	return rc;
}

/* ---- new ---- */

/* The keys each type takes, with comments that say what goes where. Empty
 * values are reported by `check` until they are filled in. */
static const char *const skeletons[RT_COUNT] = {
	[RT_DECISION] =
	    "stages:                 # 四议：提议、商议、审议、决议\n"
	    "  - {step: propose, date: %1$s}   # 党支部会提议（step 也可写 提议）\n"
	    "  - {step: consult, date: %1$s}   # 两委会商议（商议）\n"
	    "  - step: review                  # 党员大会审议（审议）\n"
	    "    date: %1$s                    # 审议日期\n"
	    "    total:                        # 党员总数\n"
	    "    present:                      # 到会人数\n"
	    "    for:                          # 赞成票\n"
	    "    against:                      # 反对票\n"
	    "    abstain:                      # 弃权票\n"
	    "  - step: resolve                 # 村民代表会议或村民会议决议（决议）\n"
	    "    date: %1$s                    # 决议日期\n"
	    "    body: representatives         # representatives 村民代表会议，assembly 村民会议\n"
	    "    total:                        # 应到人数\n"
	    "    present:                      # 到会人数\n"
	    "    for:                          # 赞成票\n"
	    "    against:                      # 反对票\n"
	    "    abstain:                      # 弃权票\n"
	    "outcome: adopted        # 表决结果：adopted 通过，rejected 未通过\n",
	[RT_PROGRESS] =
	    "follows:                # 接续的决策记录的文件名（不含 .md）\n"
	    "percent:                # 完成进度 0-100\n"
	    "spent:                  # 已支出金额（元），如 12000.50\n",
	[RT_RESULT] =
	    "follows:                # 接续的决策或进度记录的文件名（不含 .md）\n"
	    "outcome:                # 实施结果\n"
	    "spent:                  # 实际支出（元）\n"
	    "accepted:               # 验收日期 YYYY-MM-DD\n",
	[RT_FINANCE] =
	    "period:                 # 公开期间：2026-Q3、2026-10 或 2026\n"
	    "opening:                # 期初余额（元）\n"
	    "income:                 # 收入，每项一行：项目和金额（元）\n"
	    "  - {item: , amount: }\n"
	    "expense:                # 支出，每项一行：项目和金额（元）\n"
	    "  - {item: , amount: }\n"
	    "closing:                # 期末余额（元）= 期初 + 收入 - 支出\n",
	[RT_ASSISTANCE] =
	    "program:                # 救助项目：低保、特困、临时救助、医疗救助\n"
	    "period:                 # 发放月份，如 2026-11（可不写）\n"
	    "people:                 # 名单，每人一行：姓名、家庭人口、金额（元）、原因、身份证号（只写前6位和后4位）\n"
	    "  - {name: , household: , amount: , reason: , id_card: }\n",
	[RT_SERVICE] =
	    "materials: []           # 所需材料，如 [身份证, 户口簿]\n"
	    "time_limit:             # 办理时限\n"
	    "fee: 免费                # 收费标准\n"
	    "contact:                # 办理地点\n"
	    "proxy: false            # 可民事代办时写 true（是）\n",
	[RT_NOTICE] = "",
	[RT_SURVEY] =
	    "period:                 # 测评期间，如 2026-Q3\n"
	    "respondents:            # 参与人数\n"
	    "items:                  # 每题一行：题目，非常满意、满意、基本满意、不满意的人数\n"
	    "  - {question: , very_satisfied: , satisfied: , neutral: , "
	    "dissatisfied: }\n",
	[RT_TALK] =
	    "phase: before           # before 办理前、during 办理中、after 办理后\n"
	    "role:                   # 谈话对象：secretary 书记、director 主任、supervisor 监委会主任\n"
	    "by:                     # 谈话人\n"
	    "risks: []               # 提醒的廉政风险点，如 [优亲厚友]\n",
};

/* A file name from the title: characters that cannot be in a file name
 * become '-', and it is kept to 40 characters. */
static void
slug_from_title(const char *title, struct buf *out)
{
	size_t len = strlen(title), i = 0;
	int chars = 0;
	bool dash = false;

	while (i < len && chars < 40) {
		uint32_t cp;
		int n = utf8_decode(title + i, len - i, &cp);
		if (n <= 0)
			break;
		bool bad = cp < 0x20 || cp == 0x7F || cp == ' ' || cp == 0x3000 ||
		    (cp < 0x80 && strchr("/\\:*?\"<>|#%.", (int)cp) != NULL);
		if (bad) {
			if (!dash && out->len > 0)
				buf_putc(out, '-');
			dash = true;
		} else {
			buf_put(out, title + i, (size_t)n);
			dash = false;
		}
		i += (size_t)n;
		chars++;
	}
	while (out->len > 0 && out->data[out->len - 1] == '-')
		out->data[--out->len] = '\0';
}

/* The power item of a new record: --power must name an item of the
 * catalog (else a usage error with the nearest id); without it, finance
 * and assistance records get the item they are usually about. */
static bool
new_power(struct cmd_options *o, enum record_type type, const char **out)
{
	static char chosen[64];
	struct county c;
	static const char *const usual[RT_COUNT] = {
		[RT_FINANCE] = "村级财务公开",
		[RT_ASSISTANCE] = "城乡最低生活保障",
	};
	const char *want = o->power != NULL ? NULL : usual[type];
	bool ok = true;

	*out = o->power;
	if (o->power == NULL && want == NULL)
		return true;
	county_load(&c, o->content, o->today);
	diag_reset();
	const struct catalog *cat = &c.catalog;
	const char **ids = xcalloc(1, sizeof *ids);
	size_t n = 0;
	bool found = false;
	for (size_t d = 0; d < cat->n_domains && !found; d++)
		for (size_t i = 0; i < cat->domains[d].n_items && !found; i++) {
			const struct power_item *it = &cat->domains[d].items[i];
			ids = xrealloc(ids, (n + 2) * sizeof *ids);
			ids[n++] = it->id;
			ids[n] = NULL;
			if (o->power != NULL ? strcmp(it->id, o->power) == 0 :
			    strcmp(it->name, want) == 0) {
				found = true;
				snprintf(chosen, sizeof chosen, "%s", it->id);
				*out = chosen;
			}
		}
	if (o->power != NULL && !found) {
		const char *hint = did_you_mean(o->power, ids);
		if (hint != NULL)
			fprintf(stderr, _("noticeboard: --power: no item '%s' in "
			    "catalog/powers.yaml; did you mean '%s'?\n"), o->power,
			    hint);
		else
			fprintf(stderr, _("noticeboard: --power: no item '%s' in "
			    "catalog/powers.yaml\n"), o->power);
		ok = false;
	}
	free(ids);
	county_free(&c);
	return ok;
}

int
cmd_new(struct cmd_options *o)
{
	enum record_type type;
	char date[11];
	int y, m, d;
	struct buf path = {0}, text = {0}, slug = {0};
	char *village_dir = NULL, *village_yaml = NULL, *folder = NULL;
	int rc = 2;

	if (o->n_args != 1 || !record_type_parse(o->args[0], &type)) {
		fprintf(stderr, _("noticeboard: new needs a record type: decision, "
		    "progress, result, finance, assistance, service, notice, "
		    "survey or talk\n"));
		return 2;
	}
	/* inside a village's folder, the village is that one */
	char *here = o->village == NULL ? village_of_cwd(o->content) : NULL;
	if (here != NULL)
		o->village = here;
	if (o->village == NULL || o->title == NULL || *o->title == '\0') {
		fputs(_("noticeboard: new needs --village TOWN/VILLAGE and --title "
		    "TEXT\n"), stderr);
		free(here);
		return 2;
	}
	const char *slash = strchr(o->village, '/');
	char *town = slash ? xstrndup(o->village, (size_t)(slash - o->village)) :
	    NULL;
	bool ids_ok = town != NULL && id_valid(town) && id_valid(slash + 1);
	free(town);
	if (!ids_ok) {
		fprintf(stderr, _("noticeboard: --village must be TOWN/VILLAGE with "
		    "folder ids, such as fushui/wangjia, not '%s'\n"), o->village);
		goto out;
	}
	if (utf8_check(o->title, strlen(o->title)) != (size_t)-1) {
		fputs(_("noticeboard: --title is not valid UTF-8\n"), stderr);
		goto out;
	}
	village_dir = path_join(o->content, o->village);
	village_yaml = path_join(village_dir, "village.yaml");
	if (!path_exists(village_yaml)) {
		char *near = near_village_of(o->content, o->village);
		if (near != NULL)
			fprintf(stderr, _("noticeboard: no village '%s' in %s; did "
			    "you mean %s?\n"), o->village, o->content, near);
		else
			fprintf(stderr, _("noticeboard: no village '%s' in %s (its "
			    "folder needs a village.yaml)\n"), o->village,
			    o->content);
		free(near);
		goto out;
	}
	/* the power item: checked at once against the catalog, or the one the
	 * type usually needs (finance: the village finance item) */
	const char *power = NULL;
	if (!new_power(o, type, &power))
		goto out;
	date_format(o->today, date);
	date_to_ymd(o->today, &y, &m, &d);
	folder = xmalloc(strlen(village_dir) + 16);
	sprintf(folder, "%s/%04d/%02d", village_dir, y % 10000, m % 100);
	if (mkdir_p(folder, 0755) != 0) {
		diag_system("cannot create '%s': %s", folder, strerror(errno));
		rc = 3;
		goto out;
	}
	slug_from_title(o->title, &slug);
	for (int n = 1; n < 1000; n++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s-%s", folder, date,
		    slug.len ? slug.data : record_type_name(type));
		if (n > 1)
			buf_printf(&path, "-%d", n);
		buf_puts(&path, ".md");
		if (!path_exists(path.data))
			break;
	}

	/* the title goes in double quotes, with YAML escapes */
	buf_printf(&text, "---\ntype: %s             # 记录类型（%s）\ntitle: \"",
	    record_type_name(type), record_type_label(type));
	for (const char *p = o->title; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(&text, '\\');
		buf_putc(&text, *p);
	}
	buf_printf(&text, "\"   # 标题\ndate: %s        # 事情发生或决定的日期\n",
	    date);
	if (power != NULL)
		buf_printf(&text, "power: %s              # 小微权力清单中的事项编号\n",
		    power);
	else if (type == RT_DECISION || type == RT_PROGRESS ||
	    type == RT_RESULT || type == RT_ASSISTANCE || type == RT_TALK)
		buf_puts(&text, "power:                  # 事项编号，见 "
		    "catalog/powers.yaml，如 p01\n");
	buf_printf(&text, "# publish: {from: %s, to: }   # 公示期（从哪天到哪天）；"
	    "不写时从 date 起按事项要求的天数\n", date);
	if (type == RT_DECISION || type == RT_PROGRESS || type == RT_RESULT ||
	    type == RT_FINANCE || type == RT_ASSISTANCE)
		buf_puts(&text, "# checked: {by: 监委会主任姓名, date: "
		    "YYYY-MM-DD}   # 村务监督委员会审核后填写\n");
	buf_printf(&text, skeletons[type], date);
	buf_puts(&text, "draft: true             # 填写完成后删除此行\n---\n\n");
	if (file_write_atomic(path.data, text.data, text.len) != 0) {
		diag_system("cannot write '%s': %s", path.data, strerror(errno));
		rc = 3;
		goto out;
	}
	printf("%s\n", path.data);
	rc = 0;
out:
	buf_free(&path);
	buf_free(&text);
	buf_free(&slug);
	free(folder);
	free(village_dir);
	free(village_yaml);
	free(here);
	return rc;
}
