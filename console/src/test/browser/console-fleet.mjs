// The console's device list on a large fleet, in headless Chromium driven by playwright-core:
//   node console-fleet.mjs <base URL> <user> <password> <endpoint prefix> <device count> <screenshot folder>
// Run by the api module's ConsoleFleetBrowserTest, which records the devices first. It signs in, filters the
// fleet by the prefix, and times the first page, the next one and back: each must show one page of rows,
// say how many devices there are in all, and be there within the time a person waits without noticing
// (RESPONSIVE_MS). Every step prints "ok" or "FAIL" and its time; the exit code is the number of failures.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const [base, user, password, prefix, count, shots] = process.argv.slice(2);
const chromiumPath = process.env.DMFLOW_CHROMIUM ?? '/usr/bin/chromium';
const RESPONSIVE_MS = 2000;
const PAGE_SIZE = 50;
const pages = Math.ceil(Number(count) / PAGE_SIZE);
fs.mkdirSync(shots, { recursive: true });
let failures = 0;
const errors = [];

async function timed(what, action) {
  const start = performance.now();
  try {
    await action();
    const ms = Math.round(performance.now() - start);
    const ok = ms <= RESPONSIVE_MS;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what} in ${ms} ms`);
    if (!ok) failures++;
  } catch (e) {
    console.log(`FAIL ${what}: ${e.message.split('\n')[0]}`);
    failures++;
  }
}

async function showsPage(page, number) {
  await page.waitForSelector(`.pager span:text-is("page ${number} of ${pages} (${count} in all)")`);
  const rows = await page.locator('table tbody tr').count();
  if (rows !== PAGE_SIZE && number < pages) throw new Error(`${rows} rows on page ${number}`);
  if (rows > PAGE_SIZE || rows === 0) throw new Error(`${rows} rows on page ${number}`);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', e => errors.push(e.message));
try {
  await page.goto(`${base}/console/`);
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
  await page.click('.login button[type=submit]');
  await page.waitForSelector('h1:has-text("Devices")');
  await timed(`the first page of ${count} devices`, async () => {
    await page.fill('#device-prefix', prefix);
    await page.press('#device-prefix', 'Enter');
    await showsPage(page, 1);
  });
  await timed('the next page', async () => {
    await page.click('.pager button:has-text("Next")');
    await showsPage(page, 2);
  });
  await page.screenshot({ path: `${shots}/fleet-devices.png`, fullPage: true });
  await timed('the previous page again', async () => {
    await page.click('.pager button:has-text("Previous")');
    await showsPage(page, 1);
  });
} finally {
  await browser.close();
}
const shown = errors.filter(e => !e.includes('favicon'));
console.log(`${shown.length === 0 ? 'ok  ' : 'FAIL'} no console errors${shown.length ? ': ' + shown.join(' | ') : ''}`);
process.exit(failures + (shown.length ? 1 : 0));
