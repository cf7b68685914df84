#!/bin/bash
f=$(readlink -f "$1")
cd /tmp && (cat "$f"; echo ':quit') | CONCIERGE_WEB_PORT=${PORT:-18484} timeout 300 /work/main/.venv/bin/concierge shell 2>&1 | grep -v 'escalation gap' | sed -n '/^console:/,$p'
