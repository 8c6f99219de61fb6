# noticeboard: one plain Makefile. `make`, `make demo`, `make check`,
# `make bench`, `make install PREFIX=...`; `SANITIZE=1` builds with ASan+UBSan.

PROG     := noticeboard
VERSION  := 0.1.0
PREFIX   ?= /usr/local
PKGS     := libcmark-gfm yaml-0.1 pangocairo cairo libqrencode fontconfig icu-uc \
            libdeflate libxxhash zlib libmicrohttpd libjpeg libpng libexif harfbuzz-subset
CC       ?= cc
DEMO_DATE ?= 2026-11-27

ifeq ($(SANITIZE),1)
  BUILD    := build/sanitize
  SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  OPT      := -O1 -g
else
  BUILD    := build/release
  SANFLAGS :=
  OPT      := -O2 -g
endif

DEPS_OK  := $(shell scripts/deps.sh >&2 && echo yes)
ifneq ($(DEPS_OK),yes)
  $(error missing build dependencies, see the message above)
endif

# opened at run time by the one command that needs them, not linked: a
# chart drawn by `noticeboard flow` would load and relocate libmicrohttpd
# and the nine libraries it brings (GnuTLS and its own) for nothing
# (src/serve/mhd.c); their headers are still the build's
DLOPEN_PKGS := libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(DLOPEN_PKGS),$(PKGS)))
# GitHub's table, strikethrough and autolink extensions live in a library of
# their own that not every libcmark-gfm.pc names
PKG_LIBS   += $(if $(findstring -lcmark-gfm-extensions,$(PKG_LIBS)),,-lcmark-gfm-extensions)

CFLAGS  ?= $(OPT)
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 \
           -DNB_VERSION='"$(VERSION)"' -Isrc $(PKG_CFLAGS) $(SANFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread -lm

SRC      := $(shell find src -name '*.c' | LC_ALL=C sort)
OBJ      := $(SRC:%.c=$(BUILD)/%.o)
LIB_OBJ  := $(filter-out $(BUILD)/src/main.o,$(OBJ))
TEST_SRC := $(shell find tests -name '*_test.c' | LC_ALL=C sort)
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
BIN      := $(BUILD)/$(PROG)

# the Chinese message catalogue, beside the program (build/locale) and
# installed in PREFIX/share/locale; `make pot` extracts the messages again
MO       := build/locale/zh_CN/LC_MESSAGES/$(PROG).mo
XGETTEXT := xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS \
            --package-name=$(PROG) --package-version=$(VERSION) --no-location \
            --sort-output -k_ -kN_ -kngettext:1,2 -kNG_:1,2 \
            -kdiag_error:2 -kdiag_warning:2 -kdiag_report:3 -kld_error:3 \
            -kld_warning:3 -kcli_usage_error:1 -kdiag_system:1 -kfail_at:3 \
            --flag=diag_error:2:c-format --flag=diag_warning:2:c-format \
            --flag=diag_report:3:c-format --flag=ld_error:3:c-format \
            --flag=ld_warning:3:c-format --flag=cli_usage_error:1:c-format \
            --flag=diag_system:1:c-format --flag=fail_at:3:c-format \
            --flag=_:1:pass-c-format \
            --flag=N_:1:pass-c-format --flag=buf_printf:2:c-format

.PHONY: all demo check bench install clean fuzz pot
all: $(PROG) $(MO)

$(MO): po/zh_CN.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT $<"
	@msgfmt --check -o $@ $<

# POT_OUT: write the extracted messages elsewhere (the tests compare them)
pot:
	$(XGETTEXT) -o $(or $(POT_OUT),po/$(PROG).pot) $(SRC)
	@if [ -z "$(POT_OUT)" ]; then msgmerge --quiet --update --backup=none \
	    --no-location --sort-output po/zh_CN.po po/$(PROG).pot; fi

$(PROG): $(BIN)
	@if [ "$(SANITIZE)" != 1 ]; then cp $(BIN) $(PROG).tmp && mv -f $(PROG).tmp $(PROG); fi

$(BIN): $(OBJ)
	@echo "  LINK  $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  TEST  $<"
	@$(CC) $(CFLAGS) -Itests -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

demo: $(PROG) $(MO)
	./$(PROG) build -C content -o output --date $(DEMO_DATE)

check: $(BIN) $(TEST_BIN) $(MO)
	@scripts/test-deps.sh
	@NB=$(abspath $(BIN)) BUILD=$(abspath $(BUILD)) SANITIZE=$(SANITIZE) tests/run.sh

bench: $(PROG)
	@for b in bench/*_bench.sh bench/channels.sh; do NB=$(abspath $(PROG)) sh $$b || exit 1; done

fuzz:
	@PKGS="$(PKGS)" tests/fuzz/run.sh $(or $(FUZZ_SECONDS),60)

install: $(PROG) $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/noticeboard $(DESTDIR)$(PREFIX)/share/doc/noticeboard
	install -m 755 $(PROG) $(DESTDIR)$(PREFIX)/bin/$(PROG)
	install -m 644 docs/noticeboard.1 $(DESTDIR)$(PREFIX)/share/man/man1/noticeboard.1
	install -d $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES
	install -m 644 $(MO) $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES/$(PROG).mo
	rm -rf $(DESTDIR)$(PREFIX)/share/noticeboard/themes $(DESTDIR)$(PREFIX)/share/noticeboard/seeds
	cp -R themes seeds $(DESTDIR)$(PREFIX)/share/noticeboard/
	install -m 644 docs/*.md $(DESTDIR)$(PREFIX)/share/doc/noticeboard/
	install -d $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1 \
	    $(DESTDIR)$(PREFIX)/share/doc/noticeboard/zh_CN/records
	install -m 644 docs/zh_CN/man1/noticeboard.1 \
	    $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1/noticeboard.1
	install -m 644 docs/zh_CN/*.md $(DESTDIR)$(PREFIX)/share/doc/noticeboard/zh_CN/
	install -m 644 docs/zh_CN/records/*.md \
	    $(DESTDIR)$(PREFIX)/share/doc/noticeboard/zh_CN/records/

clean:
	rm -rf build $(PROG)

-include $(OBJ:.o=.d) $(TEST_BIN:=.d)
