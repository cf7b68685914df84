#!/bin/bash
# usage: batch.sh file_of_lines mode(group|private) outdir
f=$1; mode=$2; out=$3; mkdir -p $out; i=0; port=18300
while IFS= read -r line; do
  i=$((i+1)); port=$((port+1))
  { cat mini.txt; echo ":as 居民$i"; echo ":$mode"; echo "$line"; echo ":wait 1m"; } > $out/in$i.txt
  ( python3 drive.py $out/in$i.txt $port > $out/out$i.txt 2>&1 ) &
  if (( i % 8 == 0 )); then wait; fi
done < $f
wait
for j in $(seq 1 $i); do echo "=== $j: $(sed -n 4,999p $out/in$j.txt | grep -v '^:' )"; sed -n '/居民'$j' @ [^>]*> [^:]/,$p' $out/out$j.txt | grep -v "^time is now" | grep -v ':quit' | tail -n +2 | grep -E "bot|ERROR|🚨|地点" | cut -c1-260; done
