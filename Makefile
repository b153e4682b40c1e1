# scaletop: two commands on a fresh Debian machine.
#   make demo   install what is missing, build, and replay the bundled sample runs live
#   make test   install what is missing, then run every test
SWIFT ?= swift

.PHONY: deps build release demo test bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product scaletop

demo: release
	.build/release/scaletop demo

# The end-to-end tests drive the debug binary in tmux, so it is built first.
# scripts/python-env.sh puts the real tensorboardX, wandb and mlflow (the oracles) in .venv.
test: deps
	@bash scripts/python-env.sh
	$(SWIFT) build
	$(SWIFT) test

bench: release
	@bash bench/run.sh

# Every parser under libFuzzer (AddressSanitizer on), FUZZ_SECONDS each (default 10), in
# .build-fuzz: see fuzz/run.sh.
.PHONY: fuzz
fuzz: deps
	@bash scripts/python-env.sh
	@bash fuzz/run.sh

clean:
	rm -rf .build
