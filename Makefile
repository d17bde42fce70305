# The front door: see README.md.
.PHONY: setup demo test bench e2e clean-run

setup:        ## install the toolchain, Chromium, moto (idempotent)
	bash scripts/setup.sh

demo:         ## build, start a seeded local EC2 and the console on 127.0.0.1:3000
	bash scripts/demo.sh

test:         ## fmt, clippy (ssr + hydrate), release build, unit + integration + browser tests
	bash scripts/test.sh

bench:        ## benchmarks, soak and a long fuzz run; writes bench/results.json and bench/RESULTS.md
	bash scripts/bench.sh

e2e:          ## only the browser tests, against the last release build
	bash scripts/e2e.sh

clean-run:    ## stop anything a crashed run left behind
	-.venv/bin/python scripts/local_ec2.py stop --state-dir .run/e2e
	-.venv/bin/python scripts/local_ec2.py stop --state-dir .run/demo
	-pkill -f "$${CARGO_TARGET_DIR:-$$HOME/.cache/ec2-console/target}/release/bench"
