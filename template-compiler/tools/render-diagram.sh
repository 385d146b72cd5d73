#!/usr/bin/env bash
# Renders a compiled .bpmn with bpmn-js (the library Modeler and Operate draw with) in headless
# Chromium, to look at a diagram the way an operator will see it.
#   render-diagram.sh FILE.bpmn OUT.png [BPMN_JS_DIR]
# Needs: chromium (Debian package) and bpmn-js from npm (npm install bpmn-js@18 in BPMN_JS_DIR).
set -euo pipefail
bpmn="$1"
png="$2"
lib="${3:-/tmp/bpmnjs}/node_modules/bpmn-js/dist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$lib/bpmn-navigated-viewer.production.min.js" "$work/viewer.js"
cp "$lib/assets/bpmn-js.css" "$lib/assets/diagram-js.css" "$work/"
cp -r "$lib/assets/bpmn-font" "$work/"
python3 - "$bpmn" "$work/index.html" <<'PY'
import json, sys
xml = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write("""<!doctype html><html><head>
<link rel="stylesheet" href="diagram-js.css"><link rel="stylesheet" href="bpmn-js.css">
<link rel="stylesheet" href="bpmn-font/css/bpmn-embedded.css">
<style>html,body,#canvas{margin:0;height:100%;background:#fff}</style></head>
<body><div id="canvas"></div><script src="viewer.js"></script><script>
const viewer = new BpmnJS({container: '#canvas'});
viewer.importXML(""" + json.dumps(xml) + """).then(r => {
  viewer.get('canvas').zoom('fit-viewport');
  document.title = 'rendered ' + r.warnings.length + ' warnings';
}).catch(e => { document.body.innerText = 'IMPORT FAILED ' + e; });
</script></body></html>""")
PY
size="${RENDER_SIZE:-2400,1500}"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" \
  --virtual-time-budget=5000 --screenshot="$png" "file://$work/index.html" >/dev/null 2>&1
echo "$png"
