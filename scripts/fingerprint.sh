#!/usr/bin/env bash
# Behaviour fingerprint of the extraction, to compare a change against the code before it:
# kg eval on every gold set under eval/, the bundled sample built, and a build of 300
# corpus posts (150 of each month, drawn with a fixed seed).
#
#   bash scripts/fingerprint.sh OUTDIR        # run once before a change, once after
#   diff -r --exclude=store --exclude=summary.json --exclude='*.log' BEFORE AFTER
#
# The eval outputs differ only in their last line (the time taken) when the behaviour is
# the same; graph.ttl and graph.trig of both builds are byte-identical.
set -u
cd "$(dirname "$0")/.."
OUT=$1
CORPUS=${CORPUS:-../shared/corpus}
KG=${KG:-.venv/bin/kg}
mkdir -p "$OUT"
for gold in eval/*/; do
  name=$(basename "$gold")
  grep -qs '"entities"' "$gold"/*.json || continue   # gold annotations only (not eval/maintext)
  case $name in gold|heldout|*-2025-11) month=news-2025-11;; *) month=news-2022-04;; esac
  "$KG" eval "$gold" --corpus "$CORPUS/$month" > "$OUT/eval-$name.txt" 2>&1
done
rm -rf "$OUT/sample" "$OUT/corpus300"
"$KG" build --out "$OUT/sample" > "$OUT/sample.log" 2>&1
python3 - "$CORPUS" > "$OUT/files.txt" <<'PY'
import os, random, sys
for month in ("news-2022-04", "news-2025-11"):
    names = sorted(os.listdir(os.path.join(sys.argv[1], month)))
    random.Random(7).shuffle(names)
    for name in names[:150]:
        print(os.path.join(sys.argv[1], month, name))
PY
mapfile -t files < "$OUT/files.txt"
"$KG" build "${files[@]}" --out "$OUT/corpus300" > "$OUT/corpus300.log" 2>&1
echo "wrote $OUT"
