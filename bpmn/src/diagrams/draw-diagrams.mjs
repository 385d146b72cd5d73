// Draws each built-in flow the way Camunda Modeler shows it: bpmn-js in a headless Chromium renders the file's
// diagram and saves it as SVG.
//   node draw-diagrams.mjs <folder of flows.list and the .bpmn files> <output folder>
// Each picture is docs/<process id>.svg and starts with a comment holding the SHA-256 of the BPMN it was drawn from,
// so that the module's tests see a picture that is older than its flow. The exit code is the number of failures.
import { chromium } from 'playwright-core';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [flows, out] = process.argv.slice(2);
const chromiumPath = process.env.DMFLOW_CHROMIUM ?? '/usr/bin/chromium';
const viewer = createRequire(import.meta.url).resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const assets = path.join(path.dirname(viewer), 'assets');

const files = fs.readFileSync(path.join(flows, 'flows.list'), 'utf8').split('\n').map(line => line.trim())
  .filter(line => line && !line.startsWith('#'));
fs.mkdirSync(out, { recursive: true });

/** bpmn-js names the arrowhead markers at random: numbered in order, a redrawn flow that did not change is the same file. */
function stable(svg) {
  const numbers = new Map();
  return svg.replace(/marker-[a-z0-9]+/g, id => {
    if (!numbers.has(id)) numbers.set(id, `marker-${numbers.size + 1}`);
    return numbers.get(id);
  });
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
let failures = 0;
try {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body style="margin:0"><div id="canvas" style="width:1600px;height:900px"></div></body></html>');
  await page.addStyleTag({ path: path.join(assets, 'diagram-js.css') });
  await page.addStyleTag({ path: path.join(assets, 'bpmn-js.css') });
  await page.addScriptTag({ path: viewer });
  for (const file of files) {
    const xml = fs.readFileSync(path.join(flows, file), 'utf8');
    const processId = file.replace(/\.bpmn$/, '');
    try {
      const { svg, warnings } = await page.evaluate(async source => {
        const viewer = new BpmnJS({ container: '#canvas' });
        const { warnings } = await viewer.importXML(source);
        const { svg } = await viewer.saveSVG();
        viewer.destroy();
        return { svg, warnings: warnings.map(w => w.message) };
      }, xml);
      if (warnings.length > 0) {
        throw new Error(warnings.join('; '));
      }
      const digest = crypto.createHash('sha256').update(fs.readFileSync(path.join(flows, file))).digest('hex');
      const picture = stable(svg).replace(/^(<\?xml[^>]*\?>\s*)?/, head => `${head}<!-- drawn from ${file} sha256:${digest} -->\n`);
      fs.writeFileSync(path.join(out, `${processId}.svg`), picture.endsWith('\n') ? picture : picture + '\n');
      console.log(`ok   ${processId}.svg`);
    } catch (e) {
      console.log(`FAIL ${file}: ${e.message}`);
      failures++;
    }
  }
} finally {
  await browser.close();
}
process.exit(failures);
