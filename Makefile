# coboard: `make run` opens the board, `make test` runs every test.
PREFIX ?= /usr/local
VERSION = 1.0.0
BUILD ?= build
CC ?= cc
PKGS = ncursesw sqlite3 libgit2
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-missing-field-initializers -Wno-format-truncation
CFLAGS ?= -O2 -g
SAN ?=
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -DCOBOARD_VERSION='"$(VERSION)"' \
	-DCOBOARD_LOCALEDIR='"$(PREFIX)/share/locale"' $(WARN) $(CFLAGS) $(SAN) \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# The program loads libgit2 at its first use (model/storage/git_api.c) instead of linking it, so a
# read the index answers starts without it. It keeps its own definition of one mbedTLS
# function visible to the libgit2 it loads (model/storage/notls.c).
LIBGIT2_SONAME = $(or $(shell objdump -p "$$(pkg-config --variable=libdir libgit2 2>/dev/null)/libgit2.so" \
	2>/dev/null | awk '/SONAME/ { print $$2 }'),libgit2.so)
APP_LIBS = $(shell pkg-config --libs ncursesw sqlite3 2>/dev/null) -ldl \
	-Wl,--export-dynamic-symbol=mbedtls_x509_crt_parse_file

# The model by floor: rules (pure), storage (git) and index (SQLite), services; the front
# ends: what both share in tui/, the printers in tui/print/, the CLI and the app.
MODEL_DIRS = model/rules model/storage model/index model/services
TUI_DIRS = tui tui/print tui/cli tui/app
MODEL_INC = $(MODEL_DIRS:%=-I%)
TUI_INC = $(TUI_DIRS:%=-I%)
MODEL_SRC = $(wildcard $(MODEL_DIRS:%=%/*.c))
MODEL_HDR = $(wildcard $(MODEL_DIRS:%=%/*.h))
TUI_SRC = $(filter-out tui/main.c,$(wildcard $(TUI_DIRS:%=%/*.c)))
TUI_HDR = $(wildcard $(TUI_DIRS:%=%/*.h))
MODEL_OBJ = $(MODEL_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ = $(TUI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/shipped_board.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BOARD_FILES = $(wildcard boards/children-of-kazakhstan/board.conf boards/children-of-kazakhstan/cards/*.card)
DEPS_STAMP = $(BUILD)/.deps-ok

.PHONY: all run test unit asan install clean deps bench fuzz fuzz-build deb pot
LANGUAGES = ru kk
CATALOGS = $(LANGUAGES:%=$(BUILD)/locale/%/LC_MESSAGES/coboard.mo)
all: $(BUILD)/coboard $(BUILD)/coboard.1 $(CATALOGS)

# A malformed catalogue, or a translation whose %s and %d differ from the English, fails the
# build. The program finds build/locale beside itself, so `make run` speaks the locale's
# language before anything is installed.
$(BUILD)/locale/%/LC_MESSAGES/coboard.mo: po/%.po $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  MSGFMT $@"; msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# The template of every message, from the sources: the translators' starting point.
XGETTEXT_KEYWORDS = -k_ -kN_ -kP_:1,2 -kcb_fail:3 -kcb_error_prefix:2 -kapp_message:3 \
	-ksay_error:1 -kusage_fail:2 -ktext_validate:1 -krepo_git_fail:2
pot:
	xgettext -o po/coboard.pot --from-code=UTF-8 --add-comments=TRANSLATORS: \
		--package-name=coboard --package-version=$(VERSION) --no-location --sort-output \
		$(XGETTEXT_KEYWORDS) $(MODEL_SRC) tui/main.c $(TUI_SRC)

# Installs missing Debian packages once; scripts/install-deps is a no-op when all are there.
$(DEPS_STAMP): scripts/install-deps
	@mkdir -p $(BUILD)
	@scripts/install-deps
	@touch $@
deps: $(DEPS_STAMP)

# The front ends see only the model's services and rules: repo.h, the libgit2 table and the
# index's SQLite internals refuse to compile where COBOARD_FRONT_END is set.
$(BUILD)/%.o: %.c $(DEPS_STAMP) $(MODEL_HDR) $(TUI_HDR)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"; $(CC) $(ALL_CFLAGS) -DCOBOARD_FRONT_END $(TUI_INC) $(MODEL_INC) -c $< -o $@

# model/ sees only itself: a layering slip (a model file reaching into tui/) fails the build.
$(BUILD)/model/%.o: model/%.c $(DEPS_STAMP) $(MODEL_HDR)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"; $(CC) $(ALL_CFLAGS) $(MODEL_INC) -c $< -o $@

$(BUILD)/gen/shipped_board.c: scripts/embed-board $(BOARD_FILES)
	@mkdir -p $(dir $@)
	scripts/embed-board boards/children-of-kazakhstan > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/shipped_board.o: $(BUILD)/gen/shipped_board.c tui/shipped_board.h $(DEPS_STAMP)
	@echo "  CC  $@"; $(CC) $(ALL_CFLAGS) -DCOBOARD_FRONT_END -Itui -c $< -o $@

$(BUILD)/model/storage/git_api.o: ALL_CFLAGS += -DCOBOARD_LIBGIT2='"$(LIBGIT2_SONAME)"'

$(BUILD)/coboard: $(BUILD)/tui/main.o $(TUI_OBJ) $(MODEL_OBJ)
	@echo "  CC  $@"; $(CC) $(ALL_CFLAGS) -o $@ $^ $(APP_LIBS)

# The manual is written by the program from its own command and key tables.
$(BUILD)/coboard.1: $(BUILD)/coboard
	$(BUILD)/coboard --man > $@.tmp && mv $@.tmp $@

$(BUILD)/tests/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(MODEL_OBJ) $(TUI_OBJ) $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"; $(CC) $(ALL_CFLAGS) $(TUI_INC) $(MODEL_INC) -o $@ $< $(MODEL_OBJ) $(TUI_OBJ) $(LIBS) -lcmocka

unit: $(UNIT_BIN)

run: $(BUILD)/coboard $(CATALOGS)
	./$(BUILD)/coboard

test: $(BUILD)/coboard $(BUILD)/coboard.1 $(CATALOGS) $(UNIT_BIN)
	@tests/run-all $(BUILD)

# The same tests against a build with AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

install: $(BUILD)/coboard $(BUILD)/coboard.1 $(CATALOGS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BUILD)/coboard $(DESTDIR)$(PREFIX)/bin/coboard
	install -m 755 scripts/ssh-setup $(DESTDIR)$(PREFIX)/bin/coboard-ssh-setup
	gzip -9n < $(BUILD)/coboard.1 > $(DESTDIR)$(PREFIX)/share/man/man1/coboard.1.gz
	chmod 644 $(DESTDIR)$(PREFIX)/share/man/man1/coboard.1.gz
	install -m 644 completion/coboard.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/coboard
	for l in $(LANGUAGES); do \
		install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES; \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/coboard.mo \
			$(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/coboard.mo; \
	done

# A Debian package of the binary, the manual and the completion: build/coboard_VERSION_ARCH.deb.
deb: $(BUILD)/coboard $(BUILD)/coboard.1 $(CATALOGS)
	scripts/make-deb $(BUILD) $(VERSION)

bench: $(BUILD)/coboard
	scripts/bench $(BUILD)/coboard

# libFuzzer harnesses for the card, board.conf and argument parsers; FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_SRC = $(MODEL_SRC) tui/cli/args.c
FUZZ_OBJ = $(FUZZ_SRC:%.c=build-fuzz/%.o)
FUZZERS = card board args

build-fuzz/%.o: %.c $(DEPS_STAMP) $(MODEL_HDR) $(TUI_HDR)
	@mkdir -p $(dir $@)
	@echo "  CC  $@"; clang $(FUZZ_CFLAGS) $(MODEL_INC) $(TUI_INC) -c $< -o $@

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@echo "  LD  $@"; clang $(FUZZ_CFLAGS) $(MODEL_INC) $(TUI_INC) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LIBS)

.SECONDARY: $(FUZZ_OBJ)
fuzz-build: $(FUZZERS:%=build-fuzz/fuzz_%)

fuzz: fuzz-build
	@for f in $(FUZZERS); do \
		mkdir -p build-fuzz/corpus-$$f; \
		echo "fuzzing $$f for $(FUZZ_SECONDS)s"; \
		build-fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 \
			-artifact_prefix=build-fuzz/crash-$$f- \
			build-fuzz/corpus-$$f tests/fuzz/seeds/$$f 2>build-fuzz/fuzz_$$f.log || \
			{ tail -40 build-fuzz/fuzz_$$f.log; exit 1; }; \
	done

clean:
	rm -rf build build-asan build-fuzz
