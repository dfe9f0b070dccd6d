# Tern: two commands on a fresh machine — `make run` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libncursesw5-dev libsqlite3-dev libqrencode-dev libcrypt-dev tmux qrencode zbar-tools
DB ?=
RUN_ARGS ?=


.PHONY: campus campus-stop run test build release deps bench bench-postgres bench-deps bench-data clean install install-files

# $(call apt_ensure,PACKAGES,WHO): installs the Debian packages that are missing (as root),
# otherwise says what to run and fails.
define apt_ensure
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "$(2) needs:$$missing"; echo "run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

# Installs the system libraries when missing (as root), otherwise says what to run.
deps:
	$(call apt_ensure,$(APT_PACKAGES),tern)

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in: a process starts in half the time (no dynamic
# loading of libFoundation and ICU), which is most of a short command's time (issue 12).
RELEASE_FLAGS := -c release --static-swift-stdlib

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product tern

# Opens tern on the demo catalogue (created and seeded on first use).
run: release
	./.build/release/tern $(if $(DB),--db $(DB)) $(RUN_ARGS)

# A campus catalogue on this machine: a PostgreSQL server of its own with the demo, Tern's roles
# and an account per demo student and staff member (scripts/campus; `make campus-stop` removes it).
campus: deps
	$(SWIFT) build --product tern
	scripts/campus start $(CAMPUS_ARGS)

campus-stop:
	scripts/campus stop

# Unit, integration and end-to-end tests (the end-to-end ones drive the release binary), with a
# throwaway PostgreSQL cluster beside them where PostgreSQL 15 is installed (stopped afterwards).
test: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product tern
	TERN_BINARY=$(CURDIR)/.build/release/tern scripts/with-test-postgres $(SWIFT) test --parallel --num-workers 2

# Installs tern under PREFIX (default /usr/local): the binary, the demo catalogue and the themes.
# As root, with the group $(TERN_GROUP) present, tern is installed setgid to that group: the
# shared catalogue is 0660 root:$(TERN_GROUP) in a 2770 directory, users are NOT in the group,
# and tern is the only door to it. The system configuration ($(PREFIX)/etc/tern/tern.toml, or
# /etc/tern/tern.toml for PREFIX=/usr) names the catalogue; it is written once, never replaced.
PREFIX ?= /usr/local
TERN_GROUP ?= tern
SHARED_CATALOGUE ?= /srv/tern/catalogue.sqlite
BINARY ?= .build/release/tern
SYSCONFDIR = $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)

install: release install-files

install-files:
	install -d -m 0755 $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/tern/demo $(DESTDIR)$(PREFIX)/share/tern/themes
	install -m 0755 $(BINARY) $(DESTDIR)$(PREFIX)/bin/tern
	install -m 0644 data/demo/*.json $(DESTDIR)$(PREFIX)/share/tern/demo/
	install -m 0644 themes/*.toml $(DESTDIR)$(PREFIX)/share/tern/themes/
	@if [ "$$(id -u)" = 0 ] && getent group $(TERN_GROUP) >/dev/null; then \
	  chown root:$(TERN_GROUP) $(DESTDIR)$(PREFIX)/bin/tern && chmod 2755 $(DESTDIR)$(PREFIX)/bin/tern; \
	  install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/tern; \
	  if [ ! -e $(DESTDIR)$(SYSCONFDIR)/tern/tern.toml ]; then \
	    printf 'catalogue = "%s"\n' '$(SHARED_CATALOGUE)' > $(DESTDIR)$(SYSCONFDIR)/tern/tern.toml; \
	    chmod 0644 $(DESTDIR)$(SYSCONFDIR)/tern/tern.toml; \
	  fi; \
	  echo "installed $(PREFIX)/bin/tern setgid $(TERN_GROUP); catalogue from $(SYSCONFDIR)/tern/tern.toml"; \
	else \
	  echo "installed $(PREFIX)/bin/tern for personal catalogues (run as root with a '$(TERN_GROUP)' group to share one)"; \
	fi

# Builds a synthetic catalogue for the benchmark (not committed).
BENCH_N ?= 1000000
bench-data: release
	@mkdir -p bench-data
	@if [ ! -f bench-data/synthetic-$(BENCH_N).sqlite ]; then \
	  ./.build/release/tern init --synthetic $(BENCH_N) --seed 42 --db bench-data/synthetic-$(BENCH_N).sqlite; fi

# What the benchmark compares tern with: the sqlite3 shell and fzf (grep is always there).
BENCH_PACKAGES := sqlite3 fzf
bench-deps:
	$(call apt_ensure,$(BENCH_PACKAGES),make bench)

# Prints figures; tests never time anything. The catalogue is opened read-only and never
# changed; inputs made from it (listings.txt, the import CSV) are kept in bench-data/ too.
# BENCH_ARGS passes options on, e.g. BENCH_ARGS="--only listings,typing --runs 5".
BENCH_ARGS ?=
bench: bench-deps bench-data
	$(SWIFT) build $(RELEASE_FLAGS) --product tern-bench
	./.build/release/tern-bench --db bench-data/synthetic-$(BENCH_N).sqlite --tern ./.build/release/tern $(BENCH_ARGS)
	@$(MAKE) --no-print-directory bench-postgres

# Both back ends side by side (issue 20), where PostgreSQL 15 is installed: a synthetic catalogue
# of BENCH_PG_N listings (with BENCH_ADVISORS advisors added for the concurrency run) is copied by
# `tern migrate --to` into a throwaway cluster (scripts/test-postgres: Unix socket only, fsync
# off), measured beside the same SQLite file (`backends`), loaded by BENCH_SESSIONS sessions for
# BENCH_SECONDS (`concurrency`: it writes to the copy only), and the cluster is stopped and
# removed, even on failure. 100,000 listings, not 1M: the word table PostgreSQL search needs is
# ~1.3 GB and ~2 min of tern migrate per 100,000 listings (BENCHMARKS.md), and a 1M copy's one big
# word fill did not finish in the time tried. The copy is vacuumed and analyzed before it is measured: `tern
# migrate` leaves the planner without statistics (first pages take 0.3–3 s) and the visibility map
# unset (the word table's index-only scans visit the heap: first pages 2–3× slower) until
# autovacuum has been by. Elsewhere it says why there are only SQLite figures.
BENCH_PG_N ?= 100000
BENCH_ADVISORS ?= 20
BENCH_SESSIONS ?= 50
BENCH_SECONDS ?= 60
PG_BIN ?= /usr/lib/postgresql/15/bin
bench-postgres: release
	@if [ ! -x $(PG_BIN)/initdb ]; then \
	  echo "bench: no PostgreSQL 15 at $(PG_BIN) (apt-get install postgresql-15): SQLite figures only"; exit 0; fi; \
	$(SWIFT) build $(RELEASE_FLAGS) --product tern-bench || exit 1; \
	data=bench-data/synthetic-$(BENCH_PG_N).sqlite; \
	if [ ! -f $$data ]; then \
	  mkdir -p bench-data && ./.build/release/tern init --synthetic $(BENCH_PG_N) --seed 42 --db $$data.new || exit 1; \
	  for i in $$(seq 1 $(BENCH_ADVISORS)); do ./.build/release/tern staff add bench_advisor$$i --db $$data.new >/dev/null || exit 1; done; \
	  mv $$data.new $$data && rm -f $$data.new-*; fi; \
	dir=$$(scripts/test-postgres start) || exit 1; \
	trap 'scripts/test-postgres stop "$$dir"' EXIT INT TERM; \
	url="postgresql:///tern_bench?host=$$dir"; \
	$(PG_BIN)/psql -X -q -h "$$dir" -d postgres -c "CREATE DATABASE tern_bench" || exit 1; \
	echo "bench: copying $$data into PostgreSQL (tern migrate --to; minutes)"; \
	start=$$(date +%s); \
	./.build/release/tern migrate --db $$data --to "$$url" >bench-data/migrate.log 2>&1 || { cat bench-data/migrate.log; exit 1; }; \
	head -1 bench-data/migrate.log; \
	echo "bench: tern migrate took $$(( $$(date +%s) - start )) s"; \
	$(PG_BIN)/psql -X -q -h "$$dir" -d tern_bench -c "VACUUM (ANALYZE)" || exit 1; \
	./.build/release/tern-bench --db $$data --postgres "$$url" --tern ./.build/release/tern --only backends,import,concurrency \
	  --sessions $(BENCH_SESSIONS) --concurrency-seconds $(BENCH_SECONDS) $(BENCH_PG_ARGS)

clean:
	rm -rf .build bench-data
