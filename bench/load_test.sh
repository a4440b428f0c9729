#!/usr/bin/env bash
# Load test: gunicorn on 127.0.0.1 against the 10M-fact PostgreSQL database, 50 locust users
# signing in as the demo roles and browsing the main pages for 60 seconds.
#
#   bench/load_test.sh                      # figures in /tmp/socialcrm-load/ (OUT=...) and printed as a Markdown table
#   USERS=50 DURATION=60s WORKERS=3 PORT=8765 DATABASE_URL=postgres://... bench/load_test.sh
#
# The database must hold the facts of bench/facts_benchmark.py; bench/prepare_load_db.py adds the
# demo users and their alliance beside them (once). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/socialcrm_bench}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/7}"
export DEBUG=0 SECRET_KEY="load-test-only-secret-key-0123456789-abcdefghijklmnop"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
USERS="${USERS:-50}" DURATION="${DURATION:-60s}" WORKERS="${WORKERS:-3}" PORT="${PORT:-8765}"
OUT="${OUT:-/tmp/socialcrm-load}"
mkdir -p "$OUT"

.venv/bin/python bench/prepare_load_db.py
.venv/bin/python manage.py check --deploy --fail-level ERROR >/dev/null

# Static files through WhiteNoise's finders (STATIC_COLLECTED unset): no collectstatic needed.
.venv/bin/gunicorn socialcrm.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --worker-class sync \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/login/" && break
  sleep 0.5
done

run_locust() {  # name, run time, extra locust options
  .venv/bin/locust -f bench/locustfile.py --host "http://127.0.0.1:$PORT" --headless \
    --users "$USERS" --spawn-rate 10 --run-time "$2" --stop-timeout 10 \
    --csv "$OUT/$1" --only-summary --loglevel WARNING "${@:3}" >"$OUT/$1.log" 2>&1 || true  # non-zero on any failure
  echo "### $1"
  .venv/bin/python bench/load_summary.py "$OUT/$1_stats.csv"
}
# 1. As it happens: 50 users sign in (PBKDF2, ~0.75 s of CPU each) and browse, 60 s in all.
run_locust with-sign-in "$DURATION"
# 2. Browsing only: the statistics start when the last of the 50 users has signed in; the run is
#    longer by SIGN_IN_SECONDS so that about DURATION of browsing is measured.
run_locust browsing-only "$(( ${DURATION%s} + ${SIGN_IN_SECONDS:-30} ))s" --browsing-only
