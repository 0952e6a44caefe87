#!/usr/bin/env bash
# Retakes the README's screenshots (docs/screenshots/*.png) from the real demo report: audits the bundled sample
# portal twice (so the summary has a trend to draw), then opens out/demo in Debian's Chromium at desktop size and
# as printed on A4 (tests/SiteAudit.BrowserTests/DocsScreenshots.cs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source .ci/setup
ensure_dotnet
ensure_chromium
./siteaudit demo >/dev/null
./siteaudit demo
SITEAUDIT_DOCS_REPORT="$ROOT/out/demo" dotnet test tests/SiteAudit.BrowserTests --nologo -v quiet \
  --filter "FullyQualifiedName~DocsScreenshots"
ls -l docs/screenshots/*.png
