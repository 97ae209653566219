#!/bin/sh
# Rebuilds static/vendor/codemirror.js (CodeMirror 6, minified, one file) and its licences from
# the versions pinned in package-lock.json. Needs node and npm; run from anywhere:
#   sh tools/codemirror/build.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
vendor="$here/../../static/vendor"
cd "$here"
npm ci --no-audit --no-fund
npx esbuild editor.mjs --bundle --minify --format=iife --global-name=CodeMirror \
  --legal-comments=none --target=es2020 --outfile="$vendor/codemirror.js"
{
  echo "static/vendor/codemirror.js bundles these npm packages (tools/codemirror/build.sh):"
  for package in node_modules/@codemirror/* node_modules/@lezer/* node_modules/@marijn/* \
                 node_modules/crelt node_modules/style-mod node_modules/w3c-keyname; do
    name=$(node -p "require('./$package/package.json').name + ' ' + require('./$package/package.json').version")
    echo
    echo "=== $name ==="
    cat "$package"/LICENSE* 2>/dev/null || node -p "require('./$package/package.json').license"
  done
} > "$vendor/codemirror.LICENSE.txt"
