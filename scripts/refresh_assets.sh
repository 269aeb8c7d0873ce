#!/usr/bin/env bash
# Re-download the widget and MathJax JavaScript that the site serves itself (see assets/README.md).
# Only assets/vendor/ is replaced; the book's own files (assets/book.css, assets/scripts/) stay.
# Writes assets/vendor/SHA256SUMS, which tests/test_assets.py checks.
set -euo pipefail
HTML_MANAGER=1.0.15   # @jupyter-widgets/html-manager matching ipywidgets 8.1.x
MATHJAX=3.2.2
root=$(cd "$(dirname "$0")/.." && pwd)
vendor=$root/assets/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund \
  "@jupyter-widgets/html-manager@$HTML_MANAGER" "mathjax@$MATHJAX" >/dev/null)
dist=$tmp/node_modules/@jupyter-widgets/html-manager/dist
rm -rf "$vendor/widgets" "$vendor/mathjax"
mkdir -p "$vendor/widgets" "$vendor/mathjax/output/chtml/fonts" "$vendor/mathjax/input/tex"
cp "$dist/embed.js" "$dist/embed.js.LICENSE.txt" "$dist"/*.woff2 "$vendor/widgets/"
mj=$tmp/node_modules/mathjax
cp "$mj/es5/tex-chtml.js" "$mj/LICENSE" "$vendor/mathjax/"
cp -r "$mj/es5/output/chtml/fonts/woff-v2" "$vendor/mathjax/output/chtml/fonts/"
cp -r "$mj/es5/input/tex/extensions" "$vendor/mathjax/input/tex/"
cp -r "$mj/es5/ui" "$vendor/mathjax/"
{
  echo "# Downloaded from the npm registry by scripts/refresh_assets.sh; checked by tests/test_assets.py."
  echo "# widgets/: @jupyter-widgets/html-manager@$HTML_MANAGER (dist/)"
  echo "# mathjax/: mathjax@$MATHJAX (es5/)"
  (cd "$vendor" && find widgets mathjax -type f | LC_ALL=C sort | xargs sha256sum)
} > "$vendor/SHA256SUMS"
echo "assets/vendor refreshed: html-manager $HTML_MANAGER, MathJax $MATHJAX"
