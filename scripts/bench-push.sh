#!/usr/bin/env bash
# Prints the push-throughput row of the performance table (the format of scripts/bench.sh): a
# desk's 10,000 queued mutations pushed to a release sandbox on loopback until the queue is
# empty, every one checked as applied on the portal. PUSH_MUTATIONS=N changes the number. The
# setup (the queue, made through the desk's actions) is reported on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p portal-sandbox --example push
