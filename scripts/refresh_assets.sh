#!/usr/bin/env bash
# Re-download the widget and MathJax JavaScript that the site serves itself (see assets/README.md).
set -euo pipefail
HTML_MANAGER=1.0.15   # @jupyter-widgets/html-manager matching ipywidgets 8.1.x
MATHJAX=3.2.2
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund \
  "@jupyter-widgets/html-manager@$HTML_MANAGER" "mathjax@$MATHJAX" >/dev/null)
dist=$tmp/node_modules/@jupyter-widgets/html-manager/dist
rm -rf "$root/assets/widgets" "$root/assets/mathjax"
mkdir -p "$root/assets/widgets" "$root/assets/mathjax/output/chtml/fonts" "$root/assets/mathjax/input/tex"
cp "$dist/embed.js" "$dist/embed.js.LICENSE.txt" "$dist"/*.woff2 "$root/assets/widgets/"
mj=$tmp/node_modules/mathjax
cp "$mj/es5/tex-chtml.js" "$mj/LICENSE" "$root/assets/mathjax/"
cp -r "$mj/es5/output/chtml/fonts/woff-v2" "$root/assets/mathjax/output/chtml/fonts/"
cp -r "$mj/es5/input/tex/extensions" "$root/assets/mathjax/input/tex/"
cp -r "$mj/es5/ui" "$root/assets/mathjax/"
echo "assets refreshed: html-manager $HTML_MANAGER, MathJax $MATHJAX"
