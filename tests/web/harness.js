// Shared by the browser tests: a demo data directory and `awardflow serve` on a free loopback
// port, headless Chromium, sign-in and sign-out as a person does it.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const chromiumPath = process.env.AWARDFLOW_CHROMIUM || '/usr/bin/chromium';

function startServer(binary, data) {
  return new Promise((resolve, reject) => {
    const server = spawn(binary, ['serve', '--data', data, '--listen', '127.0.0.1:0'],
                         { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + out)), 20000);
    server.stdout.on('data', chunk => {
      out += chunk;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ server, url: m[1] });
      }
    });
    server.stderr.on('data', chunk => { out += chunk; });
    server.on('exit', code => reject(new Error('serve exited ' + code + ': ' + out)));
  });
}

// A fresh demo installation served on a free port, and a browser. `run` gets
// { binary, data, url, browser, shot }; everything is cleaned up after, pass or fail.
async function withInstallation(binary, shots, run) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'awardflow-web-'));
  execFileSync(binary, ['init', '--demo', '--data', data], { stdio: 'ignore' });
  const { server, url } = await startServer(binary, data);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const shot = async (page, name) => {
    if (shots) await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
  };
  try {
    await run({ binary, data, url, browser, shot });
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    fs.rmSync(data, { recursive: true, force: true });
  }
}

// Signs in on the sign-in page with the demo password of `login`.
async function signIn(page, url, login) {
  await page.goto(url + '/login');
  await page.fill('#login', login);
  await page.fill('#password', 'demo-' + login + '-2026');
  await follow(page, 'button[type=submit]');
}

// Clicks a link or a form's button and waits until the page it leads to has loaded. A bare
// click returns once the navigation has started, so a read right after it can still see the
// old page (seen under ASan, where the server answers slowly).
async function follow(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

// Fills in the two documents of Phố Châu's 2024 advanced-worker proposal on the dossier form:
// the proposal and the rating minutes, each with its PDF scan from samples/attachments.
async function fillPhoChauDocuments(page) {
  const documentFields = async (j, part, number, notation, date, subject, file) => {
    const at = '/documents/' + j + '/';
    await page.selectOption(`select[name="${at}part"]`, part);
    await page.fill(`input[name="${at}number"]`, number);
    await page.fill(`input[name="${at}notation"]`, notation);
    await page.fill(`input[name="${at}issuedDate"]`, date);
    await page.fill(`input[name="${at}signer/position"]`, 'Chủ tịch UBND thị trấn Phố Châu');
    await page.fill(`input[name="${at}signer/fullName"]`, 'Trần Quốc Hưng');
    await page.fill(`input[name="${at}subject"]`, subject);
    await page.setInputFiles(`input[name="file:${at}file"]`,
                             path.join(__dirname, '../../samples/attachments', file));
  };
  await documentFields(0, 'proposal', '231', 'TTr-UBND', '2024-12-18',
                       'Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2024',
                       'pho-chau-2024-totrinh-231.pdf');
  await documentFields(1, 'rating-minutes', '27', 'BB-UBND', '2024-12-11',
                       'Biên bản họp bình xét thi đua năm 2024',
                       'pho-chau-2024-bienban-binhxet-27.pdf');
}

async function signOut(page) {
  await follow(page, 'nav button[type=submit]');
}

module.exports = { startServer, withInstallation, signIn, signOut, follow, fillPhoChauDocuments };
