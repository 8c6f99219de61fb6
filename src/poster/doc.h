/* doc.h: the poster's own small box model. Composition turns the model into
 * a list of blocks (text, table rows, charts, a flowchart); layout measures
 * them with pango and places them into sheets between a title band and a
 * footer; drawing paints the placed boxes with cairo. Units are points. */
#ifndef NB_POSTER_DOC_H
#define NB_POSTER_DOC_H

#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "poster/poster.h"
#include "util/util.h"

#define PT_PER_MM (72.0 / 25.4)
#define MM(x) ((x) * PT_PER_MM)

/* The PNG preview's resolution (of the layout: a print format drawn
 * larger is previewed at its layout's size), and the least a QR code's
 * module takes in it for the preview to scan: 3 pixels, so a module of a
 * poster is at least QR_MODULE_MIN (1.524 mm). */
#define POSTER_PREVIEW_DPI 50.0
#define QR_PREVIEW_PX 3
#define QR_MODULE_MIN (QR_PREVIEW_PX * 72.0 / POSTER_PREVIEW_DPI)

/* Text roles and their sizes; the minimums of the print brief are checked
 * against the class each role belongs to (title, heading, body, table). */
enum text_role {
	TR_TITLE,          /* the band's title: 56 pt bold */
	TR_TITLE_CONT,     /* the later sheets' title: 48 pt bold */
	TR_SUBTITLE,       /* the band's second lines: 20 pt */
	TR_HEADING,        /* a disclosure process, on a coloured bar: 34 pt */
	TR_RECORD,         /* a notice's title: 28 pt bold */
	TR_BODY,           /* 18 pt */
	TR_META,           /* notice period and the like: 16 pt */
	TR_LEAD,           /* a stated result: 20 pt bold */
	TR_TABLE,          /* 16 pt */
	TR_TABLE_HEAD,     /* 16 pt bold */
	TR_CATALOG_TABLE,  /* the power list, denser: 14 pt */
	TR_CATALOG_HEAD,   /* 14 pt bold */
	TR_BIG,            /* duties and the service guide's lists: 22 pt */
	TR_HOTLINE,        /* the footer's hotline: 26 pt bold */
	TR_FOOTER,         /* 16 pt */
	TR_COUNTER,        /* 第 n 张 / 共 N 张 on the band: 18 pt */
	TR_CHART,          /* a chart's axis labels: 14 pt */
	TR_CHART_VALUE,    /* a chart's values at its points: 14 pt bold */
	TR_COUNT
};

struct role_style {
	const char *name;      /* in the dump */
	const char *cls;       /* title, heading, body or table */
	double size;           /* pt */
	bool bold;
};

extern const struct role_style role_styles[TR_COUNT];

enum span_kind {
	SPAN_BOLD,
	SPAN_COLOR
};

struct span {
	enum span_kind kind;
	size_t start, end;     /* byte range of the text */
	unsigned rgb;          /* SPAN_COLOR */
};

/* A paragraph of text with its bold and coloured ranges. */
struct rich {
	char *text;
	struct span *spans;
	size_t n_spans;
};

enum text_style {
	TS_PLAIN,
	TS_BAR,            /* white on a dark-blue bar, full width */
	TS_RULED,          /* a red rule below (a notice's title) */
	TS_CENTER,
	TS_BOX             /* on a pale tint with a border (the empty week) */
};

enum block_kind {
	BK_TEXT,
	BK_ROW,            /* one row of a table; never split */
	BK_STACKBAR,       /* a survey answer: four coloured segments */
	BK_PROGRESS,       /* a percentage bar */
	BK_FLOW,           /* a flowchart (or its steps, when none can be drawn) */
	BK_TREND,          /* a line chart over time with a table beside it */
	BK_PHOTO           /* a photo of the record, centred, its caption next */
};

#define ROW_HEADER 1u
#define ROW_TOTAL 2u
#define ROW_SPAN 4u        /* one cell across the table (a group) */

#define TABLE_MAX_COLS 12

struct table {
	int n_cols;
	double frac[TABLE_MAX_COLS];   /* widths as fractions of the table */
	int align[TABLE_MAX_COLS];     /* 0 left, 1 centre, 2 right */
	enum text_role role, head_role;
	struct block *header;          /* repeated on every sheet */
	struct block *cont;            /* "caption（续表）", before a repeat */
};

/* A point of a trend: a value in permille at a time (a day number). */
struct trend_point {
	double t;
	int permille;
	const char *label;             /* below the axis: "2026年第三季度" */
};

/* A text placed inside a block (a chart's labels). */
struct inner_text {
	PangoLayout *layout;
	enum text_role role;
	double x, y, w, h;             /* from the block's top-left */
};

#define TREND_MARK_R MM(2.2)    /* a trend point's marker */

struct trend {
	struct trend_point *points;    /* oldest first */
	size_t n_points;
	struct block *rows;            /* the table beside the chart: a header
	                                  row and rows, linked by next */
	/* measured, from the block's top-left */
	double chart_w;                /* the chart's part of the block */
	double rows_x;                 /* where the table starts */
	double plot_x, plot_y, plot_w, plot_h;
	int lo, hi, step;              /* the axis, permille */
	double *px, *py;               /* the points on the page */
	struct inner_text *labels;     /* ticks, periods, values */
	size_t n_labels;
};

struct block {
	enum block_kind kind;
	enum text_role role;
	enum text_style style;
	struct rich rich;              /* BK_TEXT */
	size_t hang_bytes;             /* list item: the number's bytes hang */
	double indent;                 /* from the body's left edge */
	double space_before;
	bool keep_with_next;
	/* what the block continues, placed before it when it starts a later
	 * sheet: "<notice title>（续）", or a table's group row "<domain>（续）"
	 * (doc_section); never before a heading or a title */
	struct block *cont_label;
	/* BK_ROW */
	struct table *table;
	struct rich *cells;
	int n_cells;
	unsigned row_flags;
	/* BK_STACKBAR: counts; BK_PROGRESS: percent in counts[0] */
	int counts[4];
	/* BK_FLOW */
	const struct flow *flow;
	/* BK_TREND */
	struct trend *trend;
	/* BK_PHOTO: the file, the size it prints at, and its pixels once the
	 * sheets are laid out (photo.c) */
	const struct record_file *photo;
	double photo_w, photo_h;
	void *photo_surface;           /* cairo_surface_t * */
	/* measured */
	double w, h;                   /* the box, without space_before */
	PangoLayout *layout;           /* BK_TEXT */
	PangoLayout **cell_layouts;    /* BK_ROW */
	double pad_x, pad_y;
	void *flow_layout;             /* struct flow_layout *, or NULL */
	double flow_w, flow_h;         /* the chart's natural size */
	int flow_wrap;                 /* its boxes' text wrapped at so many
	                                  characters (0: the engine's own) */
	bool rotated;                  /* BK_FLOW: on a sheet turned landscape,
	                                  with what keeps with it */
	struct pos src;                /* where its content was written (line
	                                  0: the program's own text) */
	struct block *next;
};

/* Content no sheet can hold: a block taller than a sheet's body that cannot
 * be split, or a band and footer that leave no body. The message is a
 * msgid taking the two heights in mm. */
struct doc_problem {
	struct pos pos;
	const char *msgid;
	double need_mm, have_mm;
};

enum placed_kind {
	PL_BLOCK,
	PL_BAND,           /* the title band's fill */
	PL_TEXT,           /* a text of the footer */
	PL_BANDTEXT,       /* a text on the band: white on red */
	PL_QR,
	PL_RULE            /* the footer's rule */
};

struct placed {
	enum placed_kind kind;
	const struct block *block;     /* PL_BLOCK, PL_TEXT */
	double x, y, w, h;             /* pt from the trim's top-left */
	double scale;                  /* BK_FLOW */
};

struct sheet {
	struct placed *items;
	size_t n, cap;
	const struct table *header_of; /* the table whose header is here */
	bool rotated;                  /* turned: width and height swapped */
	bool bare;                     /* a chart's own sheet: the footer is
	                                  the hotline alone */
	const char *band_note;         /* after "title（续）" in the band: the
	                                  heading of the chart the sheet holds */
};

/* The geometry of a later sheet, upright or turned. */
struct sheet_geo {
	double trim_w, trim_h;
	double body_w, cont_top, body_bottom;
	double chart_bottom;               /* a chart's own sheet (bare) */
	double cont_h, footer_h, text_w;   /* band, footer, footer's text */
};

struct doc {
	struct arena *arena;
	const struct county *county;
	const struct poster_spec *spec;
	PangoContext *ctx;
	PangoFontDescription *fonts[TR_COUNT];
	/* geometry, pt */
	double trim_w, trim_h, margin;  /* margin: the bleed and the marks' slug */
	double bleed;                   /* of margin, the bleed (0: none) */
	double marks_at;                /* crop marks from this far outside
	                                 * the trim to the page's edge (0: none) */
	/* a print format read from further away is drawn scale times its
	 * layout: trim_w and trim_h and every measure of the layout are the
	 * layout's; margin and reserve_bottom are the sheet's own */
	double scale;
	double reserve_bottom;          /* empty below the trim's layout */
	double safe;                    /* inset of the safe area from the trim */
	double body_top, body_bottom, body_x, body_w;
	double cont_top;                /* body_top of the later sheets */
	double chart_bottom;            /* body_bottom of a chart's own sheet */
	struct sheet_geo turned;        /* a sheet turned landscape (a chart) */
	/* what goes on every sheet */
	const char *title;              /* band title, sheet 1 */
	struct rich subtitle;           /* band, left */
	const char *meta_title;         /* PDF Title */
	const char *qr_url;
	const char *hotline, *phone_line;
	QRcode *qr;
	double qr_module;               /* pt */
	/* the content */
	int survey_variant;             /* a board: how much of the standing
	                                   survey block to show (0 = all) */
	double fill_frac;               /* >0: text fills at most this share
	                                   of a sheet's body (doc_balance) */
	const struct block *standing;   /* its first block, or NULL */
	/* where the content being composed was written: blocks made now take
	 * it; the band's and the footer's, for a layout that leaves no body */
	struct pos src, band_src, footer_src;
	/* the cont_label of the blocks composed now (doc_section) */
	struct block *section;
	/* the record whose body is being composed: its photos */
	const struct record *body_of;
	struct doc_problem *problems;
	size_t n_problems;
	struct block *first, *last;
	struct sheet *sheets;
	size_t n_sheets;
	/* the text layouts it holds a reference to, to release (the charts'
	 * are the thread's: doc_flows_done) */
	struct ptrvec layouts;
};

/* doc.c */
struct doc *doc_new(const struct county *c, const struct poster_spec *s,
    struct buf *err);
void doc_free(struct doc *d);
struct block *doc_add(struct doc *d, enum block_kind kind);
struct block *doc_text(struct doc *d, enum text_role role, const char *text);
struct block *doc_rich(struct doc *d, enum text_role role, struct rich r);
struct table *doc_table(struct doc *d, int n_cols, const double *frac,
    const int *align, const char *caption, const char *const *head);
struct block *doc_row(struct doc *d, struct table *t, unsigned flags,
    const char *const *cells);
/* A table apart from the sheet's flow (the one beside a chart): its header
 * and rows are linked to each other only. */
struct table *doc_table_apart(struct doc *d, int n_cols, const double *frac,
    const int *align, const char *const *head);
struct block *doc_row_apart(struct doc *d, struct table *t, struct block *after,
    unsigned flags, const char *const *cells);
/* The blocks composed from now on continue name: a later sheet that
 * starts among them says "name（续）" first. doc_section_row: of table t,
 * as a group row "name（续）" under the repeated header (the power list's
 * domain), until doc_section_rows_end. doc_section_end: the blocks from now on continue nothing. */
void doc_section(struct doc *d, const char *name);
void doc_section_row(struct doc *d, struct table *t, const char *name);
void doc_section_rows_end(struct doc *d);   /* back to the title's */
void doc_section_end(struct doc *d);
/* Whether the blocks from tail to the end reach onto a sheet after the one
 * where the content before them ends: they added sheets. */
bool doc_tail_adds_sheets(const struct doc *d, const struct block *tail);
/* Measures, paginates and places the header and footer of every sheet.
 * Returns 0; 1 when some content cannot be held by any sheet (listed in
 * d->problems, for doc_report); -1 with a message in err on a failure of
 * the system. */
int doc_layout(struct doc *d, struct buf *err);
/* When the sheets of text before a chart end with one filled less than
 * half (the rest on the sheets before it, full), the share of each sheet's
 * body to fill so that the text spreads evenly over the same sheets, to
 * lay the poster out again with (fill_frac); 0 when it is balanced. */
double doc_balance(const struct doc *d);
/* The smallest size, in pt as printed, of the step text of the charts
 * placed (0: no chart). */
double doc_chart_step_pt(const struct doc *d);
/* Reports d->problems as content errors (diag). */
void doc_report(const struct doc *d);
/* Where row, one of the rows of the trend placed at p, sits when its top
 * is at y: the dump and the drawing both place them so. */
struct placed trend_row_placed(const struct placed *p,
    const struct block *row, double y);
void doc_dump(const struct doc *d, struct buf *out);

/* rich text */
void rich_bold(struct arena *a, struct rich *r, size_t start, size_t end);
/* A text without spans (a copy in a). */
struct rich rich_plain(struct arena *a, const char *text);
void rich_color(struct arena *a, struct rich *r, size_t start, size_t end,
    unsigned rgb);
/* measure.c: a layout's height; a text block, a table row and a trend
 * block (a line chart of permille over time with its table beside it)
 * measured at width. */
double doc_layout_height(PangoLayout *l);
void doc_measure_text(struct doc *d, struct block *b, double width);
void doc_measure_row(struct doc *d, struct block *b, double width);
void trend_measure(struct doc *d, struct block *b, double width);
PangoLayout *doc_layout_text(struct doc *d, enum text_role role,
    const struct rich *r, double width, size_t hang_bytes, int align,
    int max_lines);
/* At the end of a poster: drops the charts' layouts the thread kept for it
 * (doc.c). */
void doc_flows_done(void);
/* At the end of a poster: drops the layouts the thread keeps for the next
 * ones (text.c) when they hold much text, or all is true. */
void doc_layout_cache_done(bool all);

/* compose.c */
int compose(struct doc *d, struct buf *err);
/* Pieces shared by the posters: dates (2026年11月23日, or 11月23日) and
 * periods (2026年第3季度) in words; a heading on a bar; "label：value"
 * with the label bold; a list item whose prefix hangs; the footer's QR. */
void compose_date(struct buf *b, int32_t date, bool year);
/* A name that no line may break: U+2060 WORD JOINER between its characters. */
void compose_joined(struct buf *b, const char *s);
void compose_period(struct buf *b, const struct period *p, const char *text);
struct block *compose_heading(struct doc *d, const char *text);
struct block *compose_labelled(struct doc *d, enum text_role role,
    const char *label, const char *value);
struct block *compose_item(struct doc *d, enum text_role role,
    const char *prefix, const char *text, double indent);
int compose_qr(struct doc *d, const char *url, struct buf *err);
/* Markdown body to paragraphs, list items and tables; caption names a
 * table continued on a later sheet (the record's title), body_line is the
 * file's line where md starts (0: unknown), for where a row was written. */
void compose_markdown(struct doc *d, const char *md, const char *caption,
    int body_line);

/* photo.c: a record's photos on the posters (compose.c places them):
 * photos_load decodes the pixels of every photo placed, scaled for print
 * (a file that cannot be decoded is a content error at its place: returns
 * 1); photos_free releases them. */
int photos_load(struct doc *d, struct buf *err);
void photos_free(struct doc *d);
void draw_photo(cairo_t *cr, const struct block *b, const struct placed *p);

/* The print formats' compositions: banner.c (a village's roll-up banner),
 * display.c (a service's display board, the 32423 overview), form.c (a
 * survey's paper form and the clerk's tally sheet). */
int compose_banner(struct doc *d, struct buf *err);
int compose_display(struct doc *d, struct buf *err);
int compose_form(struct doc *d, struct buf *err);
int compose_tally(struct doc *d, struct buf *err);

/* scores.c: the assessment posters, the county's and a town's */
int compose_assessment(struct doc *d, struct buf *err);

/* draw.c */
int draw_pdf(const struct doc *d, struct buf *out, struct buf *err);
/* What every PDF of the posters and the print formats shares: a PDF
 * surface of w x h pt writing into out (emptied first), titled, authored by
 * the county and dated by the build's week (the same content, the same
 * bytes); and its end: cr and s destroyed, the fonts' subsets repaired
 * (fontfix.h) and each page given its trim and bleed boxes (pdfbox.h). 0,
 * or -1 with a message in err. */
cairo_surface_t *pdf_begin(const struct county *c, const char *title,
    struct buf *out, double w, double h);
int pdf_end(cairo_surface_t *s, cairo_t *cr, struct buf *out, double margin,
    double bleed, struct buf *err);
int draw_png(const struct doc *d, double dpi, struct buf *out,
    struct buf *err);

/* Colours of the survey bars, shared by legend and bar. */
extern const unsigned survey_colors[4];

#endif
