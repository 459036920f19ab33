// One dossier's whole life across roles, in a real browser (headless Chromium driven by
// playwright-core), as issue #7 asks: a unit's clerk submits it from the form with its PDF
// scans; the standing office checks it against the procedure's checklist and returns it with a
// deficiency list; the clerk completes the same form, filled in again, and resubmits; the office
// receives it, asks and records another agency's opinion, prepares a council session and sends
// the dossier to it; three council members vote; the office closes the vote and the tally shows
// on the session's page; the chairperson finds it in the decision queue, approves it and signs
// the decision; the archivist seals it, finds it without tones, verifies it and runs a fixity
// audit. Beside it: a nominee list posted for public comment takes a citizen's comment, which
// the office answers; the administrator adds a user and reads the rulebooks and certificates;
// the office reads the year's report (the numbers the CLI gives, three charts, the CSV, the
// statistical table) and a council member fills in a scoring sheet for an emulation cluster the
// office defined and then closes with its proposal.
// Run by ctest as
//   node tests/web/lifecycle_test.js AWARDFLOW_BINARY [SCREENSHOT_DIR]
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { withInstallation, signIn, signOut, follow, fillPhoChauDocuments } = require('./harness');

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
}

async function state(page) {
  return (await page.textContent('dd.state')).trim();
}

withInstallation(binary, shots, async ({ data, url, browser, shot }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();

  // 1. The clerk submits the dossier from the form, with two PDF scans.
  await signIn(page, url, 'pho-chau');
  await follow(page, 'nav >> text=Lập hồ sơ đề nghị khen thưởng');
  await page.selectOption('select[name=procedure]', 'huong-son-district-2024|advanced-worker');
  await page.fill('input[name="/period/year"]', '2024');
  await page.fill('input[name="/date"]', '2024-12-18');
  await page.fill('input[name="/title"]', 'Đề nghị công nhận Lao động tiên tiến năm 2024 (bổ sung)');
  await page.fill('textarea[name="/achievementSummary"]', 'Hoàn thành tốt nhiệm vụ năm 2024.');
  await page.fill('input[name="/nominees/0/fullName"]', 'Võ Thị Thu Hiền');
  await page.selectOption('select[name="/nominees/0/gender"]', 'female');
  await page.fill('input[name="/nominees/0/birthYear"]', '1990');
  await page.fill('input[name="/nominees/0/position"]', 'Công chức Văn hóa - Xã hội');
  await page.fill('input[name="/nominees/0/unit"]', 'UBND thị trấn Phố Châu');
  await page.check('input[name="/nominees/0/directLabourer"]');
  await page.selectOption('select[name="/nominees/0/annualRating"]', 'good');
  await page.selectOption('select[name="/nominees/0/discipline"]', 'none');
  await fillPhoChauDocuments(page);
  await page.fill('#signingPin', 'demo-pho-chau-2026');
  await follow(page, 'button[value=submit]');
  assert.match(await page.textContent('[role=status]'), /Đã thực hiện: Nộp hồ sơ/);
  const id = page.url().match(/\/dossiers\/([^?]+)/)[1];
  const dossier = url + '/dossiers/' + id;
  assert.strictEqual(await state(page), 'Đã nộp');
  await signOut(page);

  // 2. The office checks it against the procedure's checklist and returns it, listing what is
  // missing all at once.
  await signIn(page, url, 'thuong-truc');
  await page.goto(dossier);
  await page.waitForLoadState();
  const checklist = await page.$$eval('#checklist + table tbody tr', trs => trs.map(t => t.textContent));
  assert.ok(checklist.length >= 2, 'the checklist lists the procedure\'s parts');
  assert.ok(checklist.some(r => r.includes('Tờ trình')), 'the proposal is a part');
  await shot(page, 'intake-checklist');
  await act(page, 'return', { deficiencies: 'Bổ sung thành tích cụ thể của cá nhân\nGhi rõ số quyết định công nhận sáng kiến' });
  assert.strictEqual(await state(page), 'Trả lại để bổ sung');
  await signOut(page);

  // 3. The clerk sees the list and completes the same form, filled in again with its scans.
  await signIn(page, url, 'pho-chau');
  await page.goto(dossier);
  await page.waitForLoadState();
  const missing = await page.$$eval('#deficiencies + ul li', lis => lis.map(li => li.textContent));
  assert.deepStrictEqual(missing, ['Bổ sung thành tích cụ thể của cá nhân',
                                   'Ghi rõ số quyết định công nhận sáng kiến']);
  await follow(page, 'text=Bổ sung và nộp lại hồ sơ');
  assert.match(await page.textContent('h1'), /Bổ sung và nộp lại hồ sơ/);
  assert.strictEqual(await page.inputValue('input[name="/nominees/0/fullName"]'), 'Võ Thị Thu Hiền');
  assert.ok(await page.isChecked('input[name="/nominees/0/directLabourer"]'), 'the flag is kept');
  assert.match(await page.textContent('input[name="/documents/0/file"] + input + .meta'),
               /pho-chau-2024-totrinh-231.pdf/);
  await shot(page, 'resubmit-form');
  await page.fill('textarea[name="/nominees/0/achievement"]',
                  'Hoàn thành xuất sắc công tác văn hóa; sáng kiến số hóa hồ sơ hộ tịch.');
  await page.fill('#signingPin', 'demo-pho-chau-2026');
  await follow(page, 'button[value=submit]');
  assert.match(await page.textContent('[role=status]'), /Đã thực hiện: Nộp bổ sung/);
  assert.strictEqual(await state(page), 'Đã nộp');
  await page.waitForLoadState();
  const revisions = await page.$$eval('#files + ul li', lis => lis.map(li => li.textContent));
  assert.ok(revisions.some(r => r.includes('lần nộp 2')), 'the second revision is stored');
  await signOut(page);

  // 4. The office receives it, asks the police for an opinion: the dossier cannot go to the
  // council before the opinion is in.
  await signIn(page, url, 'thuong-truc');
  await page.goto(dossier);
  await act(page, 'receive');
  await act(page, 'start-appraisal');
  assert.strictEqual(await state(page), 'Đang thẩm định');
  await page.fill('#op-agency', 'Công an huyện Hương Sơn');
  await follow(page, 'form[action$="/opinions"] button');
  assert.match(await page.textContent('[role=status]'), /Đã lưu/);
  await page.waitForLoadState();
  assert.strictEqual(await page.$('form.action:has(input[value=send-to-council])'), null);
  await page.fill('#op-text', 'Không vi phạm pháp luật, chấp hành tốt chính sách.');
  await follow(page, 'form[action$="/opinions/received"] button');
  assert.match(await page.textContent('#opinions ~ ul'), /Không vi phạm pháp luật/);
  assert.match(await page.textContent('ol.timeline'), /Nhận ý kiến cơ quan liên quan/);
  // A council session prepared on its page, with its members.
  await follow(page, 'nav >> text=Hội đồng');
  await page.fill('#s-title', 'Phiên họp xét Lao động tiên tiến bổ sung');
  await follow(page, 'form[action="/council"] button');
  const session = page.url().match(/\/council\/([^?]+)$/)[1];
  await page.waitForLoadState();
  assert.strictEqual((await page.$$('#members + ul li')).length, 3);
  await page.goto(dossier);
  await act(page, 'send-to-council', { session });
  assert.strictEqual(await state(page), 'Hội đồng xét, bỏ phiếu');
  await signOut(page);

  // 5. Each member reads the agenda, the scans in the page, and votes.
  for (const member of ['hoi-dong-1', 'hoi-dong-2', 'hoi-dong-3']) {
    await signIn(page, url, member);
    await page.goto(url + '/council/' + session);
    await follow(page, `a[href="/dossiers/${id}"]`);
    await page.waitForLoadState();
    assert.ok((await page.$$('details.scan iframe')).length >= 2, 'the scans are shown in the page');
    if (member === 'hoi-dong-1') await shot(page, 'council-review');
    await page.check('input[name=choice][value=approve]');
    await follow(page, '#ballot + form button');
    assert.match(await page.textContent('[role=status]'), /Đã ghi nhận phiếu/);
    await signOut(page);
  }

  // 6. The office closes the vote; the tally is on the session's page.
  await signIn(page, url, 'thuong-truc');
  await page.goto(dossier);
  await act(page, 'close-vote');
  assert.strictEqual(await state(page), 'Chờ quyết định');
  await page.goto(url + '/council/' + session);
  assert.match(await page.textContent('table.tally caption'), /Đạt/);
  assert.strictEqual((await page.textContent('table.tally td.approve')).trim(), '3');
  await shot(page, 'council-tally');
  await signOut(page);

  // 7. The chairperson's decision queue: approve, then sign the decision.
  await signIn(page, url, 'chu-tich');
  await follow(page, 'nav >> text=Việc cần làm');
  assert.strictEqual(await page.textContent('h1'), 'Hồ sơ chờ quyết định');
  await shot(page, 'decision-queue');
  await follow(page, `table.list a[href="/dossiers/${id}"]`);
  await act(page, 'approve', { comment: 'Đủ tiêu chuẩn, Hội đồng nhất trí.' });
  assert.strictEqual(await state(page), 'Đã phê duyệt');
  await act(page, 'issue', { pin: 'demo-chu-tich-2026' });
  assert.strictEqual(await state(page), 'Đã ban hành quyết định');
  assert.ok((await page.textContent('#documents ~ ul')).includes('Quyết định khen thưởng'));
  await signOut(page);

  // 8. The archivist seals it, finds it without tones, verifies it, runs a fixity audit.
  await signIn(page, url, 'luu-tru');
  await page.goto(dossier);
  await act(page, 'seal');
  assert.strictEqual(await state(page), 'Đã niêm phong lưu trữ');
  await follow(page, 'nav >> text=Kho lưu trữ');
  await page.fill('#q', 'vo thi thu hien');
  await follow(page, 'form[role=search] button');
  await page.waitForURL(/\/archive\?q=/);
  await page.waitForLoadState();
  const found = await page.$$('table.list tbody tr td a');
  assert.strictEqual(found.length, 1, 'one record found');
  await Promise.all([page.waitForNavigation(), found[0].click()]);
  await follow(page, 'form[action$="/verify"] button');
  assert.match(await page.textContent('[role=status]'), /Gói lưu trữ nguyên vẹn/);
  // Each signature with its verdict; the history the package keeps.
  await page.waitForLoadState();
  const verdicts = await page.$$eval('#signatures + ul li', lis => lis.map(li => li.className));
  assert.ok(verdicts.length >= 4, 'the dossier, its revision, the receipt, the decision are signed');
  assert.ok(verdicts.every(c => c === 'ok'), 'every signature holds');
  await page.waitForLoadState();
  const kept = await page.$$eval('#history + ol li', lis => lis.map(li => li.textContent));
  assert.ok(kept.some(t => t.includes('Nộp bổ sung')), 'the resubmission is in the history');
  assert.ok(kept.some(t => t.includes('Ban hành quyết định')), 'so is the decision');
  await follow(page, 'nav >> text=Kiểm tra tính toàn vẹn');
  await follow(page, '#audit-form button');
  // The demo's two sealed records (the district's and Sơn Kim 1's) and this one.
  assert.match(await page.textContent('#audit-result'), /3 nguyên vẹn, 0 bị hỏng, 0 mất gói/);
  await shot(page, 'archive-fixity');
  await page.goto(url + '/archive/due?days=36500');
  await page.waitForLoadState();
  assert.ok((await page.$$('table.list tbody tr')).length >= 1, 'retention dates are listed');
  await signOut(page);

  // 9. A nominee list posted for comment (taken there with the CLI): a citizen comments without
  // signing in; the office reads it, with the contact, and answers.
  const run = (...args) => execFileSync(binary, [...args, '--data', data]).toString();
  fs.writeFileSync(path.join(data, 'pin.txt'), 'demo-pho-chau-2026\n');
  const signed = path.join(data, 'village.xml');
  execFileSync(binary, ['sign', '--key', path.join(data, 'demo-keys', 'pho-chau.p12'),
                        '--passphrase-file', path.join(data, 'pin.txt'),
                        path.join(samples, 'dossiers/valid/12-pho-chau-2024-cultural-village.xml'),
                        '-o', signed]);
  const village = JSON.parse(run('submit', signed, '--as', 'pho-chau', '--attachments',
                                 path.join(samples, 'attachments'), '--format', 'json')).id;
  run('act', village, 'receive', '--as', 'thuong-truc');
  run('act', village, 'start-appraisal', '--as', 'thuong-truc');
  run('act', village, 'send-to-council', '--session', session, '--as', 'thuong-truc');
  for (const member of ['hoi-dong-1', 'hoi-dong-2', 'hoi-dong-3'])
    run('vote', village, 'approve', '--as', member);
  run('act', village, 'close-vote-and-post', '--as', 'thuong-truc');
  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto(url + '/public');
  assert.strictEqual(await citizen.textContent('h1'), 'Công khai khen thưởng');
  await follow(citizen, `a[href="/public/${village}"]`);
  await citizen.waitForLoadState();
  assert.ok((await citizen.$$('table.list tbody tr')).length >= 1, 'the nominees are listed');
  await citizen.fill('#c-text', 'Tổ dân phố 6 giữ gìn vệ sinh rất tốt.');
  // The browser asks for the name first; without it the server still refuses, in place.
  await citizen.evaluate(() => document.querySelector('#c-author').removeAttribute('required'));
  await follow(citizen, 'form[action$="/comments"] button');
  assert.ok((await citizen.textContent('[role=alert]')).includes('họ tên'), 'the name is asked for');
  assert.strictEqual(await citizen.inputValue('#c-text'), 'Tổ dân phố 6 giữ gìn vệ sinh rất tốt.');
  await citizen.fill('#c-author', 'Nguyễn Văn Dân');
  await citizen.fill('#c-contact', '0912 345 678');
  await follow(citizen, 'form[action$="/comments"] button');
  assert.match(await citizen.textContent('#comment-sent'), /Đã nhận góp ý/);
  await shot(citizen, 'public-notice');
  await signIn(page, url, 'thuong-truc');
  await page.goto(url + '/dossiers/' + village);
  assert.match(await page.textContent('#comments ~ ol'), /Nguyễn Văn Dân \(0912 345 678\)/);
  await page.fill('#comments ~ ol textarea[name=resolution]', 'Đã xác minh, ghi nhận ý kiến.');
  await follow(page, 'form[action$="/comments/resolve"] button');
  assert.match(await page.textContent('#comments ~ ol'), /Kết quả giải quyết \(thuong-truc\): Đã xác minh/);
  // The overdue list is the office's.
  await follow(page, 'nav >> text=Quá hạn');
  assert.strictEqual(await page.textContent('h1'), 'Hồ sơ quá hạn');
  await signOut(page);

  // 10. The administrator: a user refused in place (short password), then added; rulebooks and
  // certificates read-only.
  await signIn(page, url, 'quan-tri');
  await follow(page, 'nav >> text=Quản trị');
  await page.fill('#u-login', 'van-thu');
  await page.fill('#u-name', 'Phan Thị Văn Thư');
  await page.selectOption('#u-role', 'archivist');
  await page.fill('#u-password', 'short');
  await page.evaluate(() => document.querySelector('#u-password').removeAttribute('minlength'));
  await follow(page, 'form[action="/admin/users"] button');
  assert.ok((await page.textContent('[role=alert]')).length > 0, 'the refusal is shown');
  assert.strictEqual(await page.inputValue('#u-login'), 'van-thu');
  await page.fill('#u-password', 'mat-khau-du-dai-2026');
  await follow(page, 'form[action="/admin/users"] button');
  assert.ok((await page.textContent('#users ~ table')).includes('Phan Thị Văn Thư'));
  // Deactivated: the account stays, marked, and may be reactivated.
  await follow(page, 'form[action="/admin/users/van-thu/active"] button');
  await page.waitForLoadState();
  const vanThu = await page.$eval('#users ~ table tr:has(td:text-is("van-thu"))', tr => tr.textContent);
  assert.ok(vanThu.includes('không') && vanThu.includes('Mở khóa'), vanThu);
  await shot(page, 'admin');
  await follow(page, 'text=Bộ quy tắc và quy trình');
  await page.waitForURL(/\/admin\/rulebooks/);
  await page.waitForLoadState();
  assert.ok((await page.textContent('main')).includes('Trình Hội đồng'));
  await shot(page, 'admin-rulebooks');
  await page.goto(url + '/admin/keys');
  const keys = await page.textContent('main');
  assert.ok(keys.includes('Con dấu số của hệ thống'), keys);
  // Each authority's own seal, the province's and every commune's of the demo.
  assert.ok(keys.includes('Con dấu số của cơ quan có thẩm quyền'), keys);
  assert.ok(keys.includes('UBND-SONKIM1') && keys.includes('Ủy ban nhân dân xã Sơn Kim 1'), keys);
  await signOut(page);

  // 11. Reports: the page shows what the service counts, with its charts; the statistical table
  // and the CSV agree.
  await signIn(page, url, 'thuong-truc');
  await follow(page, 'nav >> text=Báo cáo');
  await page.fill('#r-year', '2024');
  await follow(page, 'form.filters button');
  const counted = JSON.parse(run('report', 'period', '--year', '2024', '--format', 'json',
                                 '--as', 'thuong-truc'));
  assert.strictEqual((await page.textContent('#n-received')).trim(), String(counted.counts.received));
  assert.strictEqual((await page.textContent('#n-approved')).trim(), String(counted.counts.approved));
  assert.ok(counted.counts.approved >= 2, 'the dossier approved here is counted');
  assert.match(await page.textContent('#direct-share'), /chỉ tiêu > 35.0 %/);
  await page.waitForLoadState();
  assert.strictEqual((await page.$$('section.charts svg')).length, 3);
  await shot(page, 'reports');
  const csv = await page.evaluate(async () => {
    const link = document.querySelector('a[href*="format=csv"]');
    return (await fetch(link.href)).text();
  });
  assert.ok(csv.includes('UBND-PHOCHAU'), 'the CSV has the unit');
  await follow(page, 'text=Biểu 0602.N: số lượng khen thưởng');
  assert.strictEqual((await page.textContent('#statistics tfoot td')).trim(),
                     String(counted.awards.total));
  await shot(page, 'statistics');

  // 12. Emulation scoring: the office defines a cluster and its criteria; a council member
  // fills in the sheet (a score over the most refused in place); the office closes it and the
  // leader is proposed.
  await follow(page, 'nav >> text=Chấm điểm thi đua');
  await page.fill('#g-id', 'CUM-XA-1');
  await page.fill('#g-name', 'Cụm thi đua các xã, thị trấn số 1');
  await page.check('input[name=unit][value=UBND-PHOCHAU]');
  await page.check('input[name=unit][value=UBND-SONTIEN]');
  await follow(page, 'form[action="/scores/groups"] button');
  await page.fill('#c-id', 'CUM-XA-1-2024');
  await page.fill('#c-period', '2024');
  await page.fill('#c-title', 'Chấm điểm thi đua năm 2024');
  await page.fill('#c-criteria', '1 | Phát triển kinh tế | 40 | 1\n2 | Văn hóa - xã hội | 30 | 2');
  await follow(page, 'form[action="/scores/sets"] button');
  assert.match(page.url(), /\/scores\/CUM-XA-1-2024$/);
  await signOut(page);
  await signIn(page, url, 'hoi-dong-1');
  await page.goto(url + '/scores/CUM-XA-1-2024');
  await page.fill('input[name="p:UBND-PHOCHAU:1"]', '45');
  await follow(page, 'form[action="/scores/CUM-XA-1-2024"] button');
  assert.match(await page.textContent('#page-error'), /UBND-PHOCHAU \/ 1: tiêu chí 1 chấm từ 0 đến 40/);
  await page.fill('input[name="p:UBND-PHOCHAU:1"]', '38');
  await page.fill('input[name="p:UBND-PHOCHAU:2"]', '25');
  await page.fill('input[name="p:UBND-SONTIEN:1"]', '35');
  await page.fill('input[name="p:UBND-SONTIEN:2"]', '20.5');
  await follow(page, 'form[action="/scores/CUM-XA-1-2024"] button');
  assert.match(await page.textContent('[role=status]'), /Đã lưu điểm/);
  await page.waitForLoadState();
  const first = await page.$eval('#standings-table tbody tr', tr => tr.textContent);
  assert.ok(first.includes('UBND thị trấn Phố Châu') && first.includes('88'), first);
  await shot(page, 'score-sheet');
  await signOut(page);
  await signIn(page, url, 'thuong-truc');
  await page.goto(url + '/scores/CUM-XA-1-2024');
  await follow(page, 'form[action$="/close"] button');
  assert.match(await page.textContent('#proposal'), /UBND thị trấn Phố Châu/);
  await page.waitForLoadState();
  assert.strictEqual(await page.$('form[action="/scores/CUM-XA-1-2024"]'), null);
  console.log('lifecycle test passed');
}).catch(e => {
  console.error(e);
  process.exit(1);
});
