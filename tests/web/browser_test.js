// The web pages in a real browser (headless Chromium, Debian package chromium, driven by
// playwright-core): what a person notices. Run by ctest as
//   node tests/web/browser_test.js AWARDFLOW_BINARY [SCREENSHOT_DIR]
// It makes a demo data directory, starts `awardflow serve` on a free port, and checks: sign-in
// with a wrong password shows the error in place; a unit's clerk sees the queue and the returned
// dossier with its deficiency list and timeline; the language switch; another unit's dossier is
// not shown; sign-out. With SCREENSHOT_DIR it saves a screenshot of each page there.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert');
const { chromium } = require('playwright-core');
const { startServer, fillPhoChauDocuments, follow } = require('./harness');

const binary = process.argv[2];
const shots = process.argv[3];
const chromiumPath = process.env.AWARDFLOW_CHROMIUM || '/usr/bin/chromium';

async function main() {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'awardflow-web-'));
  execFileSync(binary, ['init', '--demo', '--data', data], { stdio: 'ignore' });
  const { server, url } = await startServer(binary, data);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const shot = async (page, name) => {
    if (shots) await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();

    // Not signed in: the sign-in page, in Vietnamese.
    await page.goto(url + '/dossiers');
    assert.match(page.url(), /\/login\?next=\/dossiers$/);
    assert.strictEqual(await page.getAttribute('html', 'lang'), 'vi');
    assert.strictEqual(await page.textContent('h1'), 'Đăng nhập awardflow');
    await shot(page, 'login');

    // A wrong password: the error beside the form, the login kept, nothing else.
    await page.fill('#login', 'pho-chau');
    await page.fill('#password', 'wrong-password');
    await follow(page, 'button[type=submit]');
    const error = await page.textContent('[role=alert]');
    assert.ok(error.length > 0, 'an error is shown');
    assert.strictEqual(await page.inputValue('#login'), 'pho-chau');
    assert.strictEqual(await page.getAttribute('#login', 'aria-invalid'), 'true');

    // The right one: back to where the clerk was going.
    await page.fill('#password', 'demo-pho-chau-2026');
    await follow(page, 'button[type=submit]');
    assert.match(page.url(), /\/dossiers$/);
    await page.waitForLoadState();
    const rows = await page.$$eval('table.list tbody tr', trs => trs.map(tr => tr.textContent));
    assert.ok(rows.length >= 1, 'the unit sees its dossiers');
    assert.ok(rows.every(r => !r.includes('UBND-SONTIEN')), 'and no other unit\'s');
    await shot(page, 'dossiers');

    // The dossier form: a problem is shown beside its field; completed, with its scans, it is
    // signed with the clerk's key and submitted.
    await follow(page, 'nav >> text=Lập hồ sơ đề nghị khen thưởng');
    await page.selectOption('select[name=procedure]', 'huong-son-district-2024|advanced-worker');
    await page.fill('input[name="/period/year"]', '2024');
    await page.fill('input[name="/date"]', '2024-12-18');
    await page.fill('input[name="/title"]', 'Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2024');
    await page.fill('textarea[name="/achievementSummary"]', 'Hoàn thành tốt nhiệm vụ năm 2024.');
    await page.fill('input[name="/nominees/0/birthYear"]', '1988');
    await page.fill('input[name="/nominees/0/position"]', 'Công chức Tư pháp - Hộ tịch');
    await page.fill('input[name="/nominees/0/unit"]', 'UBND thị trấn Phố Châu');
    await page.selectOption('select[name="/nominees/0/annualRating"]', 'good');
    await page.selectOption('select[name="/nominees/0/discipline"]', 'none');
    await fillPhoChauDocuments(page);
    await follow(page, 'button[value=check]');
    await shot(page, 'dossier-form-problem');
    // The nominee's name was left empty: said beside that field, the rest kept as typed.
    const nameError = await page.textContent('#f-nominees-0-fullName-error');
    assert.ok(nameError.length > 0, 'the empty name is reported beside its field');
    assert.strictEqual(await page.getAttribute('input[name="/nominees/0/fullName"]', 'aria-invalid'), 'true');
    assert.strictEqual(await page.inputValue('input[name="/nominees/0/position"]'), 'Công chức Tư pháp - Hộ tịch');
    assert.match(await page.textContent('input[name="/documents/0/file"] + input + .meta'), /pho-chau-2024-totrinh-231.pdf/);
    await page.fill('input[name="/nominees/0/fullName"]', 'Nguyễn Thị Lan Anh');
    await follow(page, 'button[value=check]');
    assert.match(await page.textContent('[role=status]'), /Không còn lỗi/);
    await page.fill('#signingPin', 'demo-pho-chau-2026');
    await follow(page, 'button[value=submit]');
    assert.match(await page.textContent('[role=status]'), /Đã thực hiện: Nộp hồ sơ/);
    assert.strictEqual(await page.textContent('dd.state'), 'Đã nộp');

    // The XML way in: an unsigned dossier is refused and says why, in place; signed with the
    // clerk's key (as the unit's own tools would), it is submitted with its scans.
    const sample = path.join(__dirname, '../../samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml');
    const scans = ['pho-chau-2024-totrinh-226.pdf', 'pho-chau-2024-bctt-tdp-2.pdf',
                   'pho-chau-2024-bctt-tdp-6.pdf', 'pho-chau-2024-bienban-xet-26.pdf',
                   'pho-chau-2024-bienban-niemyet-25.pdf']
                      .map(f => path.join(__dirname, '../../samples/attachments', f));
    await follow(page, 'nav >> text=Nộp hồ sơ XML đã ký');
    await page.setInputFiles('#dossier', sample);
    await page.setInputFiles('#files', scans);
    await follow(page, 'form[action="/dossiers/upload"] button');
    assert.ok((await page.textContent('[role=alert]')).length > 0, 'the refusal is shown');
    fs.writeFileSync(path.join(data, 'pin.txt'), 'demo-pho-chau-2026\n');
    const signed = path.join(data, 'signed-12.xml');
    execFileSync(binary, ['sign', '--key', path.join(data, 'demo-keys', 'pho-chau.p12'),
                          '--passphrase-file', path.join(data, 'pin.txt'), sample, '-o', signed]);
    await page.setInputFiles('#dossier', signed);
    await page.setInputFiles('#files', scans);
    await follow(page, 'form[action="/dossiers/upload"] button');
    assert.match(await page.textContent('[role=status]'), /Đã thực hiện: Nộp hồ sơ/);

    // Home: the queue names the returned dossier and what to do with it.
    await follow(page, 'nav >> text=Trang chủ');
    assert.match(await page.textContent('h1'), /^Xin chào, /);
    await shot(page, 'home');

    // The sealed dossier of the unit: files, signed documents, timeline to the seal.
    await page.goto(url + '/dossiers?state=sealed');
    await follow(page, 'table.list tbody tr a');
    await page.waitForLoadState();
    const timeline = await page.$$eval('ol.timeline li', lis => lis.map(li => li.textContent));
    assert.ok(timeline.some(t => t.includes('Nộp hồ sơ')), 'submitted in the timeline');
    assert.ok(timeline.some(t => t.includes('Niêm phong lưu trữ')), 'sealed in the timeline');
    await page.waitForLoadState();
    const documents = await page.$$eval('#documents ~ ul li', lis => lis.map(li => li.textContent));
    assert.ok(documents.some(d => d.includes('Quyết định khen thưởng')), 'the decision is listed');
    await shot(page, 'dossier');
    // Print views: the decision with its annex list, and a certificate per nominee (A4 landscape).
    const sealedPage = page.url();
    await follow(page, 'a[href$="/print/decision"]');
    assert.strictEqual(await page.textContent('h1'), 'Quyết định');
    await page.waitForLoadState();
    assert.strictEqual((await page.$$('.annex tbody tr')).length, 5);
    assert.ok((await page.textContent('.annex')).includes('Nguyễn Thị Lan Anh'));
    await shot(page, 'print-decision');
    await page.goto(sealedPage);
    await follow(page, 'a[href$="/print/certificates"]');
    await page.waitForLoadState();
    assert.strictEqual((await page.$$('article.certificate')).length, 5);
    assert.strictEqual((await page.textContent('article.certificate h1')).trim(), 'Lao động tiên tiến');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    assert.ok(pdf.length > 1000, 'the certificates print to PDF');
    await shot(page, 'print-certificates');
    await page.goto(sealedPage);

    // The language switch: same URL, English, remembered on the next page.
    const here = page.url();
    await follow(page, 'a.lang');
    assert.strictEqual(page.url().split('?')[0], here.split('?')[0]);
    assert.strictEqual(await page.getAttribute('html', 'lang'), 'en');
    assert.ok((await page.textContent('#timeline')) === 'Timeline');
    await follow(page, 'nav >> text=Dossiers');
    assert.strictEqual(await page.textContent('h1'), 'Dossiers');
    await shot(page, 'dossiers-en');

    // Another unit's dossier: not found, said in the user's language, no details leaked.
    const other = execFileSync(binary, ['dossiers', '--data', data, '--as', 'son-tien', '--format',
                                        'json']).toString();
    const otherId = JSON.parse(other)[0].id;
    const response = await page.goto(url + '/dossiers/' + otherId);
    assert.strictEqual(response.status(), 404);
    assert.strictEqual(await page.textContent('h1'), 'Not found');
    await shot(page, 'not-found');

    // Keyboard: the first Tab reaches the skip link.
    await page.goto(url + '/');
    await page.keyboard.press('Tab');
    assert.strictEqual(await page.evaluate(() => document.activeElement.className), 'skip');

    // Sign out: the session is gone.
    await follow(page, 'nav button[type=submit]');
    assert.match(page.url(), /\/login$/);
    await page.goto(url + '/');
    assert.match(page.url(), /\/login/);

    // The standing office works a dossier from its page: receive it (a signed receipt is issued),
    // start the appraisal; the page says what was done, the state follows.
    const all = JSON.parse(execFileSync(binary, ['dossiers', '--data', data, '--as', 'thuong-truc',
                                                 '--format', 'json']).toString());
    const submitted = all.find(d => d.state === 'submitted').id;
    const voting = all.find(d => d.state === 'council-review').id;
    await page.goto(url + '/login?lang=vi');
    await page.fill('#login', 'thuong-truc');
    await page.fill('#password', 'demo-thuong-truc-2026');
    await follow(page, 'button[type=submit]');
    await follow(page, 'a[href="/dossiers/' + submitted + '"]');  // from the work queue
    await follow(page, 'form.action:has(input[value=receive]) button');
    assert.match(await page.textContent('[role=status]'), /Đã thực hiện: Tiếp nhận/);
    assert.strictEqual(await page.textContent('dd.state'), 'Đã tiếp nhận');
    assert.ok((await page.textContent('#documents ~ ul')).includes('Phiếu tiếp nhận'));
    // A stale form (the version moved on in another tab) is refused in place; nothing changes.
    await page.evaluate(() => document.querySelectorAll('input[name=version]')
                                  .forEach(i => { i.value = '1'; }));
    await follow(page, 'form.action:has(input[value=start-appraisal]) button');
    assert.match(await page.textContent('[role=alert]'), /phiên bản/);
    assert.strictEqual(await page.textContent('dd.state'), 'Đã tiếp nhận');
    await page.goto(url + '/dossiers/' + submitted);
    await follow(page, 'form.action:has(input[value=start-appraisal]) button');
    assert.match(await page.textContent('[role=status]'), /Đã thực hiện: Bắt đầu thẩm định/);
    // The returned dossier shows its one deficiency list.
    const returned = all.find(d => d.state === 'returned').id;
    await page.goto(url + '/dossiers/' + returned);
    await page.waitForLoadState();
    assert.ok((await page.$$('#deficiencies + ul li')).length >= 1, 'the deficiency list is shown');
    await shot(page, 'dossier-returned');
    await follow(page, 'nav button[type=submit]');

    // A council member casts the secret ballot from the dossier's page; a second one is refused.
    await page.fill('#login', 'hoi-dong-2');
    await page.fill('#password', 'demo-hoi-dong-2-2026');
    await follow(page, 'button[type=submit]');
    await page.goto(url + '/dossiers/' + voting);
    await page.check('input[name=choice][value=approve]');
    await follow(page, '#ballot + form button');
    assert.match(await page.textContent('[role=status]'), /Đã ghi nhận phiếu/);
    await page.check('input[name=choice][value=reject]');
    await follow(page, '#ballot + form button');
    assert.match(await page.textContent('[role=alert]'), /đã bỏ phiếu/);
    await shot(page, 'ballot');
    await follow(page, 'nav button[type=submit]');

    // The archivist finds the sealed record without tones, opens it (contents in order) and
    // verifies its package.
    await page.fill('#login', 'luu-tru');
    await page.fill('#password', 'demo-luu-tru-2026');
    await follow(page, 'button[type=submit]');
    await follow(page, 'nav >> text=Kho lưu trữ');
    await page.fill('#q', 'dang van binh');
    await follow(page, 'form[role=search] button');
    await page.waitForURL(/\/archive\?q=/);
    await page.waitForLoadState();
    const found = await page.$$('table.list tbody tr td a');
    assert.strictEqual(found.length, 1, 'one record found');
    await Promise.all([page.waitForNavigation(), found[0].click()]);
    await page.waitForLoadState();
    const contents = await page.$$eval('#contents + ol li', lis => lis.map(li => li.textContent));
    assert.ok(contents[0].includes('001-r1-dossier.xml'), 'the dossier comes first');
    assert.ok(contents.some(c => c.includes('decision')), 'the decision is in the record');
    await follow(page, 'form[action$="/verify"] button');
    assert.match(await page.textContent('[role=status]'), /Gói lưu trữ nguyên vẹn/);
    await shot(page, 'archive-record');
    await follow(page, 'nav button[type=submit]');

    // A council member has no business in the archive: a forbidden page, in Vietnamese.
    await page.fill('#login', 'hoi-dong-1');
    await page.fill('#password', 'demo-hoi-dong-1-2026');
    await follow(page, 'button[type=submit]');
    const forbidden = await page.goto(url + '/archive');
    assert.strictEqual(forbidden.status(), 403);
    assert.strictEqual(await page.textContent('h1'), 'Không được phép');
    await shot(page, 'forbidden');
    await follow(page, 'nav button[type=submit]');

    // A phone-sized screen: the list still reads.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    await small.goto(url + '/login');
    await small.fill('#login', 'thuong-truc');
    await small.fill('#password', 'demo-thuong-truc-2026');
    await follow(small, 'button[type=submit]');
    await small.goto(url + '/dossiers');
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, 'no sideways scrolling on a phone (' + width + ')');
    await shot(small, 'dossiers-phone');
    console.log('browser tests passed');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    fs.rmSync(data, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
