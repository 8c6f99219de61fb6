#!/usr/bin/env python3
# marks.py: a print shop's preflight of poster PDFs, page by page: the page
# boxes (pdfinfo -box: MediaBox around BleedBox around TrimBox, the bleed as
# asked) and the crop marks, from the pixels of each page's four corners
# rendered at 300 dpi (pdftoppm -gray): nothing inked in the bleed, every
# mark on the line of a trim edge, starting at least 3 mm from the trim and
# outside the bleed, running to the page's edge; and each mark 0.25 pt in
# black, from the page's content stream.
# usage: marks.py BLEED_MM MARKS(0|1) FILE.pdf...  Prints what is wrong;
# exits 1 when anything is. PIXELS=0 checks the boxes and the strokes
# alone (fast, for many PDFs).
import re
import subprocess
import os
import sys
import tempfile
import zlib

DPI = 300
PX = DPI / 72.0            # pixels per point
MM = 72 / 25.4             # points per mm
INK = 200                  # a grey below this is ink
PAPER = 250                # a grey at or above this is white paper


def boxes(pdf):
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "9999", pdf],
                         capture_output=True, text=True, check=True).stdout
    pages = {}
    for m in re.finditer(r"^Page +(\d+) (\w+)Box: +([-\d.]+) +([-\d.]+) +"
                         r"([-\d.]+) +([-\d.]+)$", out, re.M):
        pages.setdefault(int(m.group(1)), {})[m.group(2)] = \
            tuple(float(m.group(i)) for i in range(3, 7))
    return pages


def pgm(path):
    data = open(path, "rb").read()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5"
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][-w * h:]


def corner(pdf, page, x, y, w, h, tmp):
    """The grey pixels of the page's area x, y, w, h (pixels from the top
    left)."""
    base = "%s/c" % tmp
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page),
                    "-l", str(page), "-x", str(x), "-y", str(y), "-W", str(w),
                    "-H", str(h), "-singlefile", pdf, base], check=True)
    return pgm(base + ".pgm")


def mark_strokes(pdf):
    """Per page content stream that draws marks: how many there are whose
    marks are stroked 0.25 pt wide in black (0 0 0 RG)."""
    data = open(pdf, "rb").read()
    n = 0
    for m in re.finditer(rb"stream\r?\n", data):
        try:
            text = zlib.decompressobj().decompress(data[m.end():m.end() + 4096])
        except zlib.error:
            continue
        if re.search(rb"0 0 0 RG[^\n]*\n0\.25 w\n", text[:600]):
            n += 1
    return n


def check_page(pdf, page, b, bleed_mm, marks, tmp, problems):
    media, trim, bleed = b["Media"], b["Trim"], b["Bleed"]
    where = "%s page %d" % (pdf, page)

    def near(a, c, tol=0.05):
        return abs(a - c) <= tol
    margins = [trim[0] - media[0], trim[1] - media[1], media[2] - trim[2],
               media[3] - trim[3]]
    if not all(near(m, margins[0]) for m in margins):
        problems.append("%s: the trim is not centred in the page: %s" %
                        (where, margins))
    for i, sign in enumerate((-1, -1, 1, 1)):
        if not near(bleed[i], trim[i] + sign * bleed_mm * MM):
            problems.append("%s: BleedBox %s is not the trim %s and %g mm" %
                            (where, bleed, trim, bleed_mm))
            break
    if not marks:
        if not all(near(bleed[i], media[i]) for i in range(4)):
            problems.append("%s: no marks, but the page is larger than the "
                            "bleed" % where)
        return
    margin = margins[0]
    if margin < bleed_mm * MM + 3 * MM:
        problems.append("%s: a margin of %.1f mm leaves no room for marks "
                        "outside the bleed" % (where, margin / MM))
        return
    if os.environ.get("PIXELS") == "0":
        return
    page_w, page_h = media[2] - media[0], media[3] - media[1]
    # each corner: the margin and 5 mm of the trim
    size = int((margin + 5 * MM) * PX)
    full_w, full_h = int(page_w * PX), int(page_h * PX)
    for cx, cy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        x0 = 0 if cx == 0 else full_w - size
        y0 = 0 if cy == 0 else full_h - size
        w, h, px = corner(pdf, page, x0, y0, size, size, tmp)
        # the trim's edges in this corner, in pixels of the crop
        tx = (margin if cx == 0 else page_w - margin) * PX - x0
        ty = (margin if cy == 0 else page_h - margin) * PX - y0
        out_x = (lambda x: x < tx) if cx == 0 else (lambda x: x > tx)
        out_y = (lambda y: y < ty) if cy == 0 else (lambda y: y > ty)
        bleed_px = bleed_mm * MM * PX
        inked_on = {"h": 0, "v": 0}
        for y in range(h):
            row = px[y * w:(y + 1) * w]
            for x in range(w):
                g = row[x]
                xc, yc = x + 0.5, y + 0.5
                if not (out_x(xc) or out_y(yc)):
                    continue      # inside the trim
                # distance outside the trim, along each axis
                dx = abs(xc - tx) if out_x(xc) else 0
                dy = abs(yc - ty) if out_y(yc) else 0
                dist = max(dx, dy)
                if dist <= bleed_px + 1:
                    if g < PAPER:
                        problems.append("%s: ink in the bleed at %d,%d px "
                                        "(grey %d)" % (where, x0 + x, y0 + y,
                                                       g))
                        return
                    continue
                if g >= INK:
                    continue
                # ink in the slug: only on a trim line, 3 mm out at least
                on_v = abs(xc - tx) <= 2 and out_y(yc)
                on_h = abs(yc - ty) <= 2 and out_x(xc)
                if not (on_v or on_h):
                    problems.append("%s: ink off the marks at %d,%d px" %
                                    (where, x0 + x, y0 + y))
                    return
                if dist < 3 * MM * PX:
                    problems.append("%s: a mark within 3 mm of the trim at "
                                    "%d,%d px" % (where, x0 + x, y0 + y))
                    return
                inked_on["v" if on_v else "h"] += 1
        # a mark is a line of the slug's length (at least 4 mm of it)
        for k, n in inked_on.items():
            if n < 4 * MM * PX:
                problems.append("%s: corner %d,%d has no %s mark (%d px)" %
                                (where, cx, cy, "vertical" if k == "v" else
                                 "horizontal", n))


def main():
    bleed_mm, marks = float(sys.argv[1]), sys.argv[2] == "1"
    problems = []
    pages_seen = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in sys.argv[3:]:
            b = boxes(pdf)
            if not b:
                problems.append("%s: pdfinfo -box gives no boxes" % pdf)
            for page in sorted(b):
                pages_seen += 1
                if not all(k in b[page] for k in ("Media", "Trim", "Bleed")):
                    problems.append("%s page %d: a box is missing" % (pdf, page))
                    continue
                check_page(pdf, page, b[page], bleed_mm, marks, tmp, problems)
            if marks and mark_strokes(pdf) != len(b):
                problems.append("%s: %d of %d pages stroke their marks 0.25 pt "
                                "in black" % (pdf, mark_strokes(pdf), len(b)))
    for p in problems[:20]:
        print("      " + p)
    print("      %d pages of %d PDFs" % (pages_seen, len(sys.argv) - 3))
    sys.exit(1 if problems or pages_seen == 0 else 0)


main()
