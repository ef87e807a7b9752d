#!/usr/bin/env bash
# The package is whole: build a wheel, install it into a clean virtual environment, and serve
# the catalogue from it, far from the checkout (templates, translations and the curated
# catalogue must come from the wheel). Run by `make wheel-check` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

.venv/bin/pybabel compile -d locales -D messages >/dev/null
.venv/bin/pip wheel --quiet --no-deps --wheel-dir "$work/dist" .
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$(ls "$work"/dist/*.whl)[server]"

cd "$work"   # nothing of the checkout on the path from here on
export PLANNER_DATABASE_URL="sqlite:///$work/planner.sqlite3" PLANNER_SECRET_KEY=wheel-check
"$work/venv/bin/flask" --app planner db upgrade >/dev/null 2>&1
"$work/venv/bin/flask" --app planner catalogue sync
port=$("$work/venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$work/venv/bin/gunicorn" --workers 1 --bind "127.0.0.1:$port" 'planner:create_app()' >"$work/gunicorn.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  if page=$(curl -fsS -H 'Accept-Language: nl' "http://127.0.0.1:$port/catalogus/?kind=lesson" 2>/dev/null); then break; fi
  sleep 0.2
done
grep -q 'Catalogus' <<<"${page:-}" || { echo "wheel-check: the catalogue page did not come up"; cat "$work/gunicorn.log"; exit 1; }
grep -q 'Lief zijn, ook op de tablet' <<<"$page" || { echo "wheel-check: the curated catalogue is missing"; exit 1; }
echo "wheel-check: the installed wheel serves the catalogue (templates, translations, lessons)"
