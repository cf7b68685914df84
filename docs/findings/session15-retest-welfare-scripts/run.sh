#!/bin/bash
# run.sh scene.txt port -> scene.out
s=$1; port=$2
cd /tmp && { cat /tmp/rt/setup.txt; cat /tmp/rt/$s; echo ':quit'; } | CONCIERGE_WEB_PORT=$port timeout 500 /work/main/.venv/bin/concierge shell > /tmp/rt/${s%.txt}.out 2>&1
