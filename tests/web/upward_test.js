// An upward proposal across the province platform, in a real browser (issue 16): a village's
// clerk uploads a signed proposal for the provincial Bằng khen; the commune's office receives
// and appraises it, its council votes, its chairperson signs and forwards it; it arrives in the
// province's intake with the commune's proposal, tally, the village's dossier and scans; the
// province returns it with a list that reaches the village; the village completes it, the
// commune forwards it again; the province's council votes and its chairperson decides; the
// decision goes back down and closes the commune's dossier; both archivists seal and verify.
// Run by ctest as
//   node tests/web/upward_test.js AWARDFLOW_BINARY [SCREENSHOT_DIR]
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { withInstallation, signIn, signOut, follow } = require('./harness');

const binary = process.argv[2];
const shots = process.argv[3];
const samples = path.join(__dirname, '../../samples');

async function act(page, action, fields = {}) {
  const form = `form.action:has(input[name=action][value="${action}"])`;
  for (const [name, value] of Object.entries(fields)) {
    const field = `${form} [name=${name}]`;
    if (name === 'session') await page.selectOption(field, value);
    else await page.fill(field, value);
  }
  await follow(page, `${form} button`);
  await page.waitForLoadState();
}

async function state(page) {
  return (await page.textContent('dd.state')).trim();
}

// Sends the dossier to the first open session its office is offered.
async function sendToCouncil(page) {
  const form = 'form.action:has(input[name=action][value="send-to-council"])';
  const session = await page.$eval(`${form} select[name=session] option`, o => o.value);
  await act(page, 'send-to-council', { session });
}

async function councilVotes(page, url, prefix, id) {
  for (let i = 1; i <= 3; ++i) {
    await signIn(page, url, `${prefix}-hoi-dong-${i}`);
    await page.goto(url + '/dossiers/' + id);
    await page.check('input[name=choice][value=approve]');
    await follow(page, '#ballot + form button');
    assert.match(await page.textContent('[role=status]'), /Đã ghi nhận phiếu/);
    await signOut(page);
  }
}

// The archivist finds the household's record, verifies its package and returns what it holds.
async function sealAndVerify(page, url, archivist, id) {
  await signIn(page, url, archivist);
  await page.goto(url + '/dossiers/' + id);
  await act(page, 'seal');
  assert.strictEqual(await state(page), 'Đã niêm phong lưu trữ');
  await follow(page, 'nav >> text=Kho lưu trữ');
  await page.fill('#q', 'nguyen van toan');
  await follow(page, 'form[role=search] button');
  await page.waitForURL(/\/archive\?q=/);
  await page.waitForLoadState();
  const found = await page.$$(`table.list tbody tr td a`);
  assert.strictEqual(found.length, 1, `${archivist} finds one record`);
  await Promise.all([page.waitForNavigation(), found[0].click()]);
  await page.waitForLoadState();
  await follow(page, 'form[action$="/verify"] button');
  assert.match(await page.textContent('[role=status]'), /Gói lưu trữ nguyên vẹn/);
  await page.waitForLoadState();
  const verdicts = await page.$$eval('#signatures + ul li', lis => lis.map(li => li.className));
  assert.ok(verdicts.length >= 3 && verdicts.every(c => c === 'ok'), 'every signature holds');
  const body = await page.textContent('main');
  await signOut(page);
  return body;
}

withInstallation(binary, shots, async ({ data, url, browser, shot }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();

  // 1. The village's clerk signs the proposal with the key and uploads it with its scans.
  fs.writeFileSync(path.join(data, 'pin.txt'), 'demo-thon-trungluu-2026\n');
  const signed = path.join(data, 'signed-28.xml');
  execFileSync(binary, ['sign', '--key', path.join(data, 'demo-keys', 'thon-trungluu.p12'),
                        '--passphrase-file', path.join(data, 'pin.txt'),
                        path.join(samples, 'dossiers/valid/28-thon-trung-luu-2026-provincial-certificate.xml'),
                        '-o', signed]);
  await signIn(page, url, 'thon-trungluu');
  await page.goto(url + '/dossiers/upload');
  await page.setInputFiles('#dossier', signed);
  await page.setInputFiles('#files', ['totrinh-bangkhen', 'bienban-hop-thon', 'bctt-ho-nguyen-van-toan']
    .map(f => path.join(samples, 'attachments', `thon-trung-luu-2026-${f}.pdf`)));
  await follow(page, 'form[action="/dossiers/upload"] button');
  assert.match(await page.textContent('[role=status]'), /Đã thực hiện: Nộp hồ sơ/);
  const below = page.url().match(/\/dossiers\/([^?]+)/)[1];
  await signOut(page);

  // 2. Sơn Tây's office receives and appraises it and puts it before the commune's council.
  await signIn(page, url, 'sontay-van-phong');
  await page.goto(url + '/dossiers/' + below);
  await act(page, 'receive');
  await act(page, 'start-appraisal');
  await sendToCouncil(page);
  assert.strictEqual(await state(page), 'Hội đồng xét, bỏ phiếu');
  await signOut(page);
  await councilVotes(page, url, 'sontay', below);
  await signIn(page, url, 'sontay-van-phong');
  await page.goto(url + '/dossiers/' + below);
  await act(page, 'close-vote');
  assert.strictEqual(await state(page), 'Chờ Chủ tịch ký tờ trình');
  await signOut(page);

  // 3. The commune's chairperson signs the proposal and forwards it to the province.
  await signIn(page, url, 'sontay-chu-tich');
  await page.goto(url + '/dossiers/' + below);
  await act(page, 'forward', { pin: 'demo-sontay-chu-tich-2026' });
  assert.strictEqual(await state(page), 'Đã trình cấp trên');
  const above = (await page.textContent('#forwarded-as strong')).trim();
  assert.match(above, /^HS-\d{4}-\d{6}$/);
  assert.notStrictEqual(above, below);
  await shot(page, 'upward-forwarded');
  // The commune's chairperson does not see the province's dossier.
  const hidden = await page.goto(url + '/dossiers/' + above);
  assert.strictEqual(hidden.status(), 404);
  await signOut(page);

  // 4. It is in the province's intake, with what the commune sent; the province returns it.
  await signIn(page, url, 'tinh-van-phong');
  await page.goto(url + '/dossiers?state=submitted');
  await page.waitForLoadState();
  assert.ok(await page.$(`table.list a[href="/dossiers/${above}"]`), 'in the province intake');
  await follow(page, `table.list a[href="/dossiers/${above}"]`);
  await page.waitForLoadState();
  assert.strictEqual((await page.textContent('#arrived-from strong')).trim(), below);
  const files = await page.$$eval('#files + ul li a', as => as.map(a => a.textContent));
  assert.ok(files.some(f => f.startsWith('to-trinh-')), 'the commune\'s signed proposal');
  assert.ok(files.some(f => f.startsWith('bien-ban-kiem-phieu-')), 'the commune council\'s tally');
  assert.ok(files.includes(`ho-so-${below}-r1.xml`), 'the village\'s dossier');
  assert.ok(files.includes('thon-trung-luu-2026-bctt-ho-nguyen-van-toan.pdf'), 'its scans');
  await shot(page, 'upward-arrived');
  await act(page, 'return', { deficiencies: 'Báo cáo thành tích cần có xác nhận của UBND xã Sơn Tây' });
  assert.strictEqual(await state(page), 'Trả lại để bổ sung');
  await signOut(page);

  // 5. The list reaches the village, which completes its dossier in the same form.
  await signIn(page, url, 'thon-trungluu');
  await page.goto(url + '/dossiers/' + below);
  assert.strictEqual(await state(page), 'Cấp trên trả lại để bổ sung');
  const missing = await page.$$eval('#deficiencies + ul li', lis => lis.map(li => li.textContent));
  assert.deepStrictEqual(missing, ['Báo cáo thành tích cần có xác nhận của UBND xã Sơn Tây']);
  await follow(page, 'text=Bổ sung và nộp lại hồ sơ');
  await page.fill('textarea[name="/achievementSummary"]',
                  'Hộ ông Nguyễn Văn Toàn hiến 620 m² đất và 45 ngày công mở rộng đường liên thôn; ' +
                  'báo cáo thành tích đã được UBND xã Sơn Tây xác nhận.');
  await page.fill('#signingPin', 'demo-thon-trungluu-2026');
  await follow(page, 'button[value=submit]');
  await page.waitForLoadState();
  assert.strictEqual(await state(page), 'Chờ Chủ tịch ký tờ trình');
  await signOut(page);
  await signIn(page, url, 'sontay-chu-tich');
  await page.goto(url + '/dossiers/' + below);
  await act(page, 'forward', { pin: 'demo-sontay-chu-tich-2026' });
  assert.strictEqual(await state(page), 'Đã trình cấp trên');
  await signOut(page);

  // 6. The province receives the completed proposal, its council votes, its chairperson decides.
  await signIn(page, url, 'tinh-van-phong');
  await page.goto(url + '/dossiers/' + above);
  assert.strictEqual(await state(page), 'Đã nộp');
  const revisions = await page.$$eval('#files + ul li', lis => lis.map(li => li.textContent));
  assert.ok(revisions.some(r => r.includes('lần nộp 2')), 'the completed proposal is revision 2');
  await act(page, 'receive');
  await act(page, 'start-appraisal');
  await sendToCouncil(page);
  await signOut(page);
  await councilVotes(page, url, 'tinh', above);
  await signIn(page, url, 'tinh-van-phong');
  await page.goto(url + '/dossiers/' + above);
  await act(page, 'close-vote');
  assert.strictEqual(await state(page), 'Chờ quyết định');
  await signOut(page);
  await signIn(page, url, 'tinh-chu-tich');
  await page.goto(url + '/dossiers/' + above);
  await act(page, 'approve', { comment: 'Hộ gia đình có thành tích xuất sắc, Hội đồng nhất trí.' });
  await act(page, 'issue', { pin: 'demo-tinh-chu-tich-2026' });
  assert.strictEqual(await state(page), 'Đã ban hành quyết định');
  await signOut(page);

  // 7. The decision has come back down: the commune's dossier is closed as decided above.
  await signIn(page, url, 'thon-trungluu');
  await page.goto(url + '/dossiers/' + below);
  assert.strictEqual(await state(page), 'Cấp trên đã quyết định');
  assert.match(await page.textContent('#documents ~ ul'), /Quyết định khen thưởng của cấp trên/);
  await shot(page, 'upward-decided');
  await signOut(page);

  // 8. Both archivists seal; both packages verify, each with the other's documents.
  const provinceRecord = await sealAndVerify(page, url, 'tinh-luu-tru', above);
  assert.ok(provinceRecord.includes('to-trinh-'), 'the province keeps the commune\'s proposal');
  const communeRecord = await sealAndVerify(page, url, 'sontay-luu-tru', below);
  assert.ok(communeRecord.includes('decision-above'), 'the commune keeps the province\'s decision');
  await context.close();
}).catch(e => {
  console.error(e);
  process.exit(1);
});
