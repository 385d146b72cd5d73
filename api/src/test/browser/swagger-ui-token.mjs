// Swagger UI with an API token, as a person uses it: open /q/swagger-ui, "Authorize" with the bearer scheme, then
// "Try it out" and "Execute" on GET /api/devices. Prints "ok   ..." per step and exits non-zero at the first failure.
// Arguments: base URL, token, Chromium path, folder of playwright-core's node_modules.
import { createRequire } from 'node:module';
import path from 'node:path';

const [base, token, chromiumPath, modules] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'index.js'));
const { chromium } = require('playwright-core');

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  const sent = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/devices')) {
      sent.push(request.headers()['authorization'] || '');
    }
  });
  await page.goto(base + '/q/swagger-ui/');
  await page.locator('button.authorize').first().click();
  const bearer = page.locator('.auth-container').filter({ hasText: 'bearer' });
  await bearer.locator('input').fill(token);
  await bearer.locator('button.authorize').click();
  await bearer.getByText('Authorized').waitFor();
  console.log('ok   the bearer scheme takes the token');
  await page.locator('button.close-modal').click();

  const path = page.locator('.opblock-summary-path', { hasText: /^\/api\/devices$/ });
  const operation = page.locator('.opblock-get').filter({ has: path }).first();
  await operation.locator('.opblock-summary').click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
  await status.waitFor();
  const code = (await status.textContent()).trim();
  if (!code.startsWith('200')) {
    throw new Error('GET /api/devices answered ' + code + ' in Swagger UI');
  }
  if (!sent.some((header) => header === 'Bearer ' + token)) {
    throw new Error('Swagger UI sent no bearer token: ' + JSON.stringify(sent));
  }
  console.log('ok   GET /api/devices executed with the token answers 200');
} catch (e) {
  console.log('FAIL ' + e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
