# Tern: two commands on a fresh machine — `make run` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libncursesw5-dev libsqlite3-dev tmux
DB ?=
RUN_ARGS ?=

.PHONY: run test build release deps bench bench-data clean

# Installs the system libraries when missing (as root), otherwise says what to run.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "tern needs:$$missing"; echo "run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product tern

# Opens tern on the demo catalogue (created and seeded on first use).
run: release
	./.build/release/tern $(if $(DB),--db $(DB)) $(RUN_ARGS)

# Unit, integration and end-to-end tests (the end-to-end ones drive the release binary).
test: deps
	$(SWIFT) build -c release --product tern
	TERN_BINARY=$(CURDIR)/.build/release/tern $(SWIFT) test --parallel --num-workers 2

# Builds a synthetic catalogue for the benchmark (not committed).
BENCH_N ?= 1000000
bench-data: release
	@mkdir -p bench-data
	@if [ ! -f bench-data/synthetic-$(BENCH_N).sqlite ]; then \
	  ./.build/release/tern seed --synthetic $(BENCH_N) --seed 42 --db bench-data/synthetic-$(BENCH_N).sqlite; fi

# Prints figures; tests never time anything.
bench: bench-data
	$(SWIFT) build -c release --product tern-bench
	./.build/release/tern-bench --db bench-data/synthetic-$(BENCH_N).sqlite --tern ./.build/release/tern

clean:
	rm -rf .build bench-data
