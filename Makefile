# noticeboard: one plain Makefile. `make`, `make demo`, `make check`,
# `make bench`, `make install PREFIX=...`; `SANITIZE=1` builds with ASan+UBSan.

PROG     := noticeboard
VERSION  := 0.1.0
PREFIX   ?= /usr/local
PKGS     := libcmark yaml-0.1 pangocairo cairo libqrencode fontconfig \
            libdeflate libxxhash zlib
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

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

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

.PHONY: all demo check bench install clean fuzz
all: $(PROG)

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

demo: $(PROG)
	./$(PROG) build -C content -o output --date $(DEMO_DATE)

check: $(BIN) $(TEST_BIN)
	@scripts/test-deps.sh
	@NB=$(abspath $(BIN)) BUILD=$(abspath $(BUILD)) SANITIZE=$(SANITIZE) tests/run.sh

bench: $(PROG)
	@for b in bench/*_bench.sh; do NB=$(abspath $(PROG)) sh $$b || exit 1; done

fuzz:
	@PKGS="$(PKGS)" tests/fuzz/run.sh $(or $(FUZZ_SECONDS),60)

install: $(PROG)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/noticeboard $(DESTDIR)$(PREFIX)/share/doc/noticeboard
	install -m 755 $(PROG) $(DESTDIR)$(PREFIX)/bin/$(PROG)
	install -m 644 docs/noticeboard.1 $(DESTDIR)$(PREFIX)/share/man/man1/noticeboard.1
	rm -rf $(DESTDIR)$(PREFIX)/share/noticeboard/themes $(DESTDIR)$(PREFIX)/share/noticeboard/seeds
	cp -R themes seeds $(DESTDIR)$(PREFIX)/share/noticeboard/
	install -m 644 docs/*.md $(DESTDIR)$(PREFIX)/share/doc/noticeboard/

clean:
	rm -rf build $(PROG)

-include $(OBJ:.o=.d) $(TEST_BIN:=.d)
