#!/usr/bin/env bash
# `npm test`: static checks, then unit + integration tests (Vitest: PKI with OpenSSL as
# oracle, services on SQLite and a real PostgreSQL), then the browser tests (Playwright in
# Debian's Chromium against a production build). Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .tmp
status=0
step() { echo; echo "== $*"; }

step "lint (layer rules) and typecheck"
npx eslint . || status=1
npx tsc --noEmit || status=1

step "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=1

step "production build and browser tests (playwright)"
if npx next build; then
  npx playwright test || status=1
else
  status=1
fi

node scripts/test-summary.mjs .tmp/vitest.json .tmp/playwright.json || status=1
exit $status
