# scaletop: two commands on a fresh Debian machine.
#   make demo   install what is missing, build, and replay the bundled sample runs live
#   make test   install what is missing, then run every test
# and for people who use it elsewhere:
#   make install [PREFIX=~/.local]   one self-contained binary, completions and a man page
#   make dist                        the same as scaletop-VERSION-linux-x86_64.tar.gz
SWIFT ?= swift
PREFIX ?= $(HOME)/.local
VERSION := $(shell cat VERSION)
# The installed binary is built in its own folder: the Swift runtime, Foundation and the C
# libraries Debian ships as archives are linked in (SCALETOP_STATIC=1, see Package.swift).
INSTALL_BUILD := .build-install
STATIC_LIBS := $(CURDIR)/$(INSTALL_BUILD)/static-libs
STATIC_BUILD := SCALETOP_STATIC=1 SCALETOP_STATIC_LIBS=$(STATIC_LIBS) \
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(INSTALL_BUILD)
DIST_NAME := scaletop-$(VERSION)-linux-$(shell uname -m)

.PHONY: deps build release demo test bench clean install-build install dist

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product scaletop

demo: release
	.build/release/scaletop demo

# The static binary and its man-page generator, built but not installed.
# The swift driver links -lstdc++, SwiftNIO -lz; these linker scripts make them the static archives.
install-build: deps
	@mkdir -p $(STATIC_LIBS)
	@echo "INPUT($$(g++ -print-file-name=libstdc++.a))" > $(STATIC_LIBS)/libstdc++.so
	@echo "INPUT($$(g++ -print-file-name=libz.a))" > $(STATIC_LIBS)/libz.so
	$(STATIC_BUILD) --product scaletop
	$(STATIC_BUILD) --product generate-manual

install: install-build
	@bash scripts/install.sh $(INSTALL_BUILD)/release "$(PREFIX)"

dist: install-build
	@bash scripts/dist.sh $(INSTALL_BUILD)/release $(DIST_NAME)

# scripts/python-env.sh puts the real tensorboardX, wandb and mlflow (the oracles) in .venv.
# The installed-binary test runs `make install` into a temporary prefix, so the static build
# is made first.
test: deps install-build
	@bash scripts/python-env.sh
	$(SWIFT) build
	$(SWIFT) test

# The references (polars, TensorBoard's data server, scipy) live in .venv too: without it
# their rows print "skipped". The benchmarks time the binary `make install` installs (static,
# what users run: it starts in 5–7 ms where the shared-library build takes 20–30).
bench: install-build
	@bash scripts/python-env.sh
	@SCALETOP_BIN=$(CURDIR)/$(INSTALL_BUILD)/release/scaletop bash bench/run.sh

# Every parser under libFuzzer (AddressSanitizer on), FUZZ_SECONDS each (default 10), in
# .build-fuzz: see fuzz/run.sh.
.PHONY: fuzz
fuzz: deps
	@bash scripts/python-env.sh
	@bash fuzz/run.sh

clean:
	rm -rf .build $(INSTALL_BUILD)
