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
  await page.click('button[type=submit]');
}

async function signOut(page) {
  await page.click('nav button[type=submit]');
}

module.exports = { startServer, withInstallation, signIn, signOut };
