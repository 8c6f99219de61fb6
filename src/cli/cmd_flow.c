/* cmd_flow.c: `noticeboard flow FILE.yaml -o OUT`: one flowchart from a
 * flow file, as SVG, PNG (2x, for screens) or PDF by OUT's extension, or
 * the layout's text dump (OUT.dump, for tests and debugging). More outputs
 * may follow the file (`-o a.svg b.png`): laid out once, written to each;
 * the benchmark uses that to be fair to `dot -Tsvg -o a.svg -Tpng -o b.png`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "util/i18n.h"
#include "util/diag.h"
#include "flow/flow.h"
#include "render/fonts.h"
#include "render/subset.h"

enum format {
	FORMAT_NONE,
	FORMAT_SVG,
	FORMAT_PNG,
	FORMAT_PDF,
	FORMAT_DUMP
};

static enum format
format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return FORMAT_NONE;
	if (strcmp(dot, ".svg") == 0)
		return FORMAT_SVG;
	if (strcmp(dot, ".png") == 0)
		return FORMAT_PNG;
	if (strcmp(dot, ".pdf") == 0)
		return FORMAT_PDF;
	if (strcmp(dot, ".dump") == 0)
		return FORMAT_DUMP;
	return FORMAT_NONE;
}

static int
write_one(const struct flow_layout *l, const char *path, const char *date)
{
	struct buf data = {0}, err = {0};
	int rc = 0, ok;

	switch (format_of(path)) {
	case FORMAT_SVG:
		ok = flow_write_svg(l, &data);
		break;
	case FORMAT_PNG:
		ok = flow_write_png(l, 2.0, &data);
		break;
	case FORMAT_DUMP:
		flow_layout_dump(l, &data);
		ok = 0;
		break;
	default:
		ok = flow_write_pdf(l, date, &data, &err);
		if (ok != 0 && err.len > 0) {
			diag_system("cannot repair the fonts of '%s': %s", path,
			    err.data != NULL ? err.data : "");
			rc = 3;
		}
		break;
	}
	if (rc != 0) {
		/* reported above */
	} else if (ok != 0) {
		diag_system("cannot draw the chart for '%s'", path);
		rc = 3;
	} else if (file_write_atomic(path, data.data, data.len) != 0) {
		diag_system("cannot write '%s': %s", path, strerror(errno));
		rc = 3;
	}
	buf_free(&data);
	buf_free(&err);
	return rc;
}

/* Every text the chart draws of the flow, one after another in out. */
static const char *
flow_text(const struct flow *f, struct buf *out)
{
	buf_puts(out, f->title != NULL ? f->title : "");
	for (size_t i = 0; i < f->n_lanes; i++)
		buf_puts(out, f->lanes[i]);
	for (size_t i = 0; i < f->n_steps; i++) {
		buf_puts(out, f->steps[i].text != NULL ? f->steps[i].text : "");
		buf_puts(out, f->steps[i].risk != NULL ? f->steps[i].risk : "");
	}
	for (size_t i = 0; i < f->n_edges; i++)
		buf_puts(out, f->edges[i].label != NULL ? f->edges[i].label : "");
	return out->data != NULL ? out->data : "";
}

int
cmd_flow(struct cmd_options *o)
{
	struct arena *arena = NULL;
	struct flow_layout *layout = NULL;
	struct buf err = {0}, text = {0};
	struct flow flow;
	enum load_status status;
	const char *outputs[NB_COUNT(o->args) + 1];
	size_t n_outputs = 0;
	char date[11];
	int rc;

	if (o->n_args < 1) {
		fputs(_("noticeboard: flow needs one file: noticeboard flow FILE.yaml "
		    "-o OUT.svg|OUT.png|OUT.pdf\n"), stderr);
		return 2;
	}
	if (o->output == NULL) {
		fputs(_("noticeboard: flow needs an output: -o OUT.svg, -o OUT.png "
		    "or -o OUT.pdf\n"), stderr);
		return 2;
	}
	outputs[n_outputs++] = o->output;
	for (size_t i = 1; i < o->n_args; i++)
		outputs[n_outputs++] = o->args[i];
	for (size_t i = 0; i < n_outputs; i++)
		if (format_of(outputs[i]) == FORMAT_NONE) {
			fprintf(stderr, _("noticeboard: flow: '%s' must end in .svg, "
			    ".png or .pdf (name it with -o)\n"), outputs[i]);
			return 2;
		}

	arena = arena_new();
	status = flow_load_file(arena, o->args[0], &flow);
	/* a clean flow draws silently; otherwise every problem, and the
	 * count */
	rc = 0;
	if (status != LOAD_OK || diag_count(DIAG_ERROR) > 0 ||
	    diag_count(DIAG_WARNING) > 0)
		rc = report_and_status(status, N_("flow"), NULL);
	if (rc != 0)
		goto out;
	/* fontconfig without the system's configuration files (when the
	 * font has all of the chart's characters), then the
	 * build's subset of the font, when one has made it (fonts.h,
	 * subset.h) */
	(void)fonts_use_plain_config(flow_text(&flow, &text));
	(void)subset_use_made(NULL);
	layout = flow_layout_new(&flow, &err);
	if (layout == NULL) {
		diag_system("%s", err.data != NULL ? err.data : "cannot lay out "
		    "the flow");
		rc = 3;
		goto out;
	}
	date_format(o->today, date);
	for (size_t i = 0; i < n_outputs && rc == 0; i++)
		rc = write_one(layout, outputs[i], date);
out:
	flow_layout_free(layout);
	buf_free(&err);
	buf_free(&text);
	arena_free(arena);
	return rc;
}
