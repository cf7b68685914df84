#!/bin/bash
# batch.sh linesfile mode outdir baseport
f=$1; mode=$2; out=/tmp/rt/$3; port=$4; mkdir -p $out; i=0
while IFS= read -r line; do
  i=$((i+1)); port=$((port+1))
  { cat /tmp/rt/mini.txt; echo ":as 居民$i"; echo ":$mode"; echo "$line"; echo ":wait 1m"; echo ":quit"; } > $out/in$i.txt
  ( cd /tmp && CONCIERGE_WEB_PORT=$port timeout 300 /work/main/.venv/bin/concierge shell < $out/in$i.txt > $out/out$i.txt 2>&1 ) &
  if (( i % 8 == 0 )); then wait; fi
done < $f
wait
for j in $(seq 1 $i); do echo "=== $j [$mode]: $(sed -n 11p $out/in$j.txt)"; sed -n '/居民'$j' @ [^>]*>   /,$p' $out/out$j.txt | grep -v '^\s*$' | cut -c1-400; done
