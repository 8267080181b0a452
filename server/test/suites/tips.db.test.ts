// 群众举报 (issue 16 §5–7): a tip from the public portal without an account, proof of work instead of a
// captcha, limits per address and device, a receipt code that shows the tip's progress and nothing else;
// the office triages it to the town suggested by the workshops around it, the town answers and links the
// site; a complaint about management fees becomes a disciplinary clue. Bad input writes nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import { leadingZeroBits, powInput } from '../../../domain/pow.js';
import type { TipChallengeDto, TipDto, TipListDto, TipPublicStatusDto, TipReceiptDto } from '../../../domain/tips.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { evidenceJpeg } from '../fixtures/images.js';
import { multipart } from '../fixtures/multipart.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;
const SITE = { lat: 34.98512, lng: 117.45631 };

describe.skipIf(dbUnavailable())(`public tips (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let office: Agent;
  let director: Agent;
  let clerkA: Agent;
  let clerkB: Agent;
  let discipline: Agent;
  let site: EnterpriseDto;
  let ip = 0;
  /** Each test's tips come from an address of its own, so that the limits of one do not meet another's. */
  const nextAddress = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

  const send = (method: 'GET' | 'POST', url: string, body?: unknown, from = '10.9.9.9', device?: string) =>
    t.app.inject({ method, url, payload: body as object | undefined, remoteAddress: from, headers: device ? { 'qudi-device': device } : {} });
  const count = async (table: 'tips' | 'discipline_clues') => Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  async function solved(from: string): Promise<{ challenge: string; nonce: string }> {
    const res = await send('GET', '/api/public/tips/challenge', undefined, from);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as TipChallengeDto;
    for (let n = 0; ; n++) {
      const hex = createHash('sha256').update(powInput(c.challenge, String(n))).digest('hex');
      if (leadingZeroBits(hex, c.difficulty)) return { challenge: c.challenge, nonce: String(n) };
    }
  }
  const tip = (more: Record<string, unknown> = {}) => ({ kind: 'workshop', description: '夜里有人在旧厂房里熬废塑料，气味很大', address: '某村东头旧砖厂', ...SITE, anonymous: true, ...more });
  async function submit(more: Record<string, unknown> = {}, from = nextAddress(), device?: string) {
    return send('POST', '/api/public/tips', { ...(await solved(from)), ...tip(more) }, from, device);
  }

  beforeAll(async () => {
    t = await setupTestApp({ config: { tipPowBits: 8, tipLimits: { addressHour: 3, addressDay: 5, deviceHour: 2, lookupsHour: 50 } } });
    [townA, townB] = t.towns;
    office = await t.login('office');
    director = await t.login('office', undefined, { director: true });
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    discipline = await t.login('discipline');
    site = await t.shutDown((await t.createWorkshop({ townName: townA.name, name: '举报测试塑料颗粒厂', phone: '13900005001', ...SITE })).id);
  });
  afterAll(() => t.close());

  it('takes a tip without an account and answers only its receipt code, which shows its progress', async () => {
    const res = await submit();
    expect(res.statusCode, res.body).toBe(201);
    const { receipt } = res.json() as TipReceiptDto;
    expect(receipt).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    expect(Object.keys(res.json()).sort()).toEqual(['receipt', 'submittedAt']);
    // Typed with dashes and in lower case, it is found.
    const typed = `${receipt.slice(0, 4)}-${receipt.slice(4, 8)}-${receipt.slice(8)}`.toLowerCase();
    const status = await send('GET', `/api/public/tips/${typed}`);
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toEqual({ kind: 'workshop', status: 'received', submittedOn: expect.any(String), answer: '', answeredOn: null } satisfies TipPublicStatusDto);
    const unknown = await send('GET', '/api/public/tips/ABCDEFGHJKLM');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toMatch(CHINESE);
    expect((await send('GET', '/api/public/tips/short')).statusCode).toBe(400);
    const towns = await send('GET', '/api/public/towns');
    expect(towns.json().towns.map((x: { name: string }) => x.name)).toContain(townA.name);
  });

  it('offers no map to pick a place on when no tile server is configured (a blank grid would not help a tipster)', async () => {
    const map = await send('GET', '/api/public/map');
    expect(map.statusCode, map.body).toBe(200);
    expect(map.json()).toEqual({ tiles: null, extent: null });
  });

  it('refuses bad input, a forged or reused proof of work, in Chinese, writing nothing', async () => {
    const before = await count('tips');
    const from = nextAddress();
    for (const more of [{ extra: 1 }, { description: '' }, { lat: 34.9, lng: null }, { kind: 'other' }, { kind: 'fee', townId: null }, { lat: null, lng: null, address: '' }, { anonymous: false, contactName: '', contactPhone: '' }, { contactPhone: '12345' }]) {
      const res = await send('POST', '/api/public/tips', { ...(await solved(from)), ...tip(more) }, from);
      expect(res.statusCode, JSON.stringify(more)).toBe(400);
      expect(res.json().title).toMatch(CHINESE);
    }
    const proof = await solved(from);
    const forged = await send('POST', '/api/public/tips', { ...proof, nonce: 'x', ...tip() }, from);
    expect(forged.statusCode).toBe(400);
    // The challenge was used by the forged try: the right answer now comes too late.
    const reused = await send('POST', '/api/public/tips', { ...proof, ...tip() }, from);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().detail).toContain('重新提交');
    const unknown = await send('POST', '/api/public/tips', { challenge: 'f'.repeat(32), nonce: '1', ...tip() }, from);
    expect(unknown.statusCode).toBe(400);
    expect(await count('tips')).toBe(before);
  });

  it('limits tips per address and per device (429 in Chinese), counting only proven tries', async () => {
    const from = nextAddress();
    for (let i = 0; i < 3; i++) expect((await submit({}, from)).statusCode).toBe(201);
    const fourth = await submit({}, from);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().detail).toMatch(CHINESE);
    // One device moving between addresses.
    expect((await submit({}, nextAddress(), 'device-0001')).statusCode).toBe(201);
    expect((await submit({}, nextAddress(), 'device-0001')).statusCode).toBe(201);
    expect((await submit({}, nextAddress(), 'device-0001')).statusCode).toBe(429);
    expect((await submit({}, nextAddress(), 'device-0002')).statusCode).toBe(201);
  });

  it('sends a complaint about management fees to discipline as a clue, and to nobody else', async () => {
    const tips = await count('tips');
    const clues = await count('discipline_clues');
    const res = await submit({ kind: 'fee', townId: townA.id, description: '村干部每月向这家作坊收取 2000 元管理费' });
    expect(res.statusCode, res.body).toBe(201);
    expect(await count('discipline_clues')).toBe(clues + 1);
    expect(await count('tips')).toBe(tips + 1);
    const { receipt } = res.json() as TipReceiptDto;
    expect((await send('GET', `/api/public/tips/${receipt}`)).json()).toMatchObject({ kind: 'fee', status: 'forwarded' });
    const seen = await discipline.get('/api/self-inspection/clues');
    expect(seen.statusCode, seen.body).toBe(200);
    expect(JSON.stringify(seen.json())).toContain('2000 元管理费');
    expect(JSON.stringify((await director.get('/api/self-inspection/clues')).json())).toContain('2000 元管理费');
    for (const agent of [office, clerkA]) {
      expect(JSON.stringify((await agent.get('/api/tips')).json())).not.toContain('管理费');
      const list = await agent.get('/api/self-inspection/clues');
      expect(list.statusCode === 403 || !JSON.stringify(list.json()).includes('2000 元管理费')).toBe(true);
    }
  });

  it('lets the office triage a tip to the town its location suggests, the town answer and link the site, the tipster read the answer', async () => {
    const res = await submit({ description: '举报测试：厂房又冒黑烟，晚上开工' });
    const { receipt } = res.json() as TipReceiptDto;
    const list = (await (await office.get('/api/tips?status=received')).json()) as TipListDto;
    const item = list.items.find((x) => x.description.startsWith('举报测试：厂房又冒黑烟'))!;
    expect(item).toBeDefined();
    const tipRes = await office.get(`/api/tips/${item.id}`);
    const detail = tipRes.json() as TipDto;
    expect(detail.nearby[0]).toMatchObject({ id: site.id, status: 'shut_down', distanceM: 0 });
    expect(detail.suggestedTown).toEqual({ id: townA.id, name: townA.name });
    expect(detail.abilities).toEqual({ assign: true, answer: false, dismiss: true });
    // Not the towns' until given to one.
    expect((await clerkA.get(`/api/tips/${item.id}`)).statusCode).toBe(404);
    expect((await clerkA.post(`/api/tips/${item.id}/assign`, { version: detail.version, townId: townA.id, dueOn: addDays(todayInChina(), 3) })).statusCode).toBe(404);
    const bad = await office.post(`/api/tips/${item.id}/assign`, { version: detail.version, townId: townA.id, dueOn: addDays(todayInChina(), -1) });
    expect(bad.statusCode).toBe(400);
    const assigned = await office.post(`/api/tips/${item.id}/assign`, { version: detail.version, townId: townA.id, dueOn: addDays(todayInChina(), 3), note: '请核实是否反弹' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const a = assigned.json() as TipDto;
    expect(a).toMatchObject({ status: 'assigned', town: { id: townA.id }, abilities: { answer: true } });
    expect((await send('GET', `/api/public/tips/${receipt}`)).json()).toMatchObject({ status: 'assigned', answer: '' });
    // The other town sees nothing; a stale answer is refused.
    expect((await clerkB.get(`/api/tips/${item.id}`)).statusCode).toBe(404);
    expect(((await (await clerkB.get('/api/tips')).json()) as TipListDto).items.some((x) => x.id === item.id)).toBe(false);
    const answer = { verdict: 'confirmed', publicAnswer: '经核查，该点确有恢复生产迹象，已重新取缔。感谢您的举报。', internalNote: '巡查确认', enterpriseIds: [site.id] };
    expect((await clerkA.post(`/api/tips/${item.id}/answer`, { ...answer, version: detail.version })).statusCode).toBe(409);
    const answered = await clerkA.post(`/api/tips/${item.id}/answer`, { ...answer, version: a.version });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', verdict: 'confirmed', enterprises: [{ id: site.id, name: site.name }] });
    const seen = (await send('GET', `/api/public/tips/${receipt}`)).json() as TipPublicStatusDto;
    expect(seen).toMatchObject({ status: 'answered', answer: answer.publicAnswer });
    expect(JSON.stringify(seen)).not.toContain(site.name);
    // The site's history tells that a tip concerned it.
    const history = JSON.stringify((await clerkA.get(`/api/enterprises/${site.id}/history`)).json());
    expect(history).toContain('tip.link');
    // Answered once: again is refused.
    expect((await clerkA.post(`/api/tips/${item.id}/answer`, { ...answer, version: (answered.json() as TipDto).version })).statusCode).toBe(409);
  });

  it('lets the office set a tip aside with an explanation the tipster reads', async () => {
    const res = await submit({ description: '举报测试：隔壁装修太吵' });
    const { receipt } = res.json() as TipReceiptDto;
    const item = ((await (await office.get('/api/tips')).json()) as TipListDto).items.find((x) => x.description === '举报测试：隔壁装修太吵')!;
    expect((await office.post(`/api/tips/${item.id}/dismiss`, { version: item.version, publicAnswer: '' })).statusCode).toBe(400);
    const done = await office.post(`/api/tips/${item.id}/dismiss`, { version: item.version, publicAnswer: '您反映的是装修噪声，不属于土小企业，请向住建部门反映。' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await send('GET', `/api/public/tips/${receipt}`)).json()).toMatchObject({ status: 'dismissed', answer: expect.stringContaining('不属于土小企业') });
    expect((await clerkA.get('/api/tips')).statusCode).toBe(200);
    expect((await discipline.get('/api/tips')).statusCode).toBe(403);
  });

  it('keeps the tipster’s photos as evidence for those who read the tip, never on the public page', async () => {
    const sendFile = async (receipt: string, content: Buffer, name = '现场.jpg', fields: Record<string, string> = {}) => {
      const body = multipart(fields, { name, content, type: 'image/jpeg' });
      return t.app.inject({ method: 'POST', url: `/api/public/tips/${receipt}/files`, payload: body.payload, headers: { 'content-type': body.contentType }, remoteAddress: nextAddress() });
    };
    const res = await submit({ description: '举报测试：附照片的举报' });
    const { receipt } = res.json() as TipReceiptDto;
    const photo = await evidenceJpeg(7);
    const first = await sendFile(receipt, photo, '现场.jpg', { lat: String(SITE.lat), lng: String(SITE.lng) });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ received: true, duplicate: false });
    expect((await sendFile(receipt, photo)).json()).toEqual({ received: true, duplicate: true });
    expect((await sendFile(receipt, Buffer.from('not a photo at all'), 'x.jpg')).statusCode).toBe(415);
    expect((await sendFile('ABCDEFGHJKLM', photo)).statusCode).toBe(404);
    // Not on the public page.
    const status = (await send('GET', `/api/public/tips/${receipt}`)).json();
    expect(JSON.stringify(status)).not.toContain('attachment');
    // The office reads it; a town only once the tip is given to it.
    const item = ((await (await office.get('/api/tips')).json()) as TipListDto).items.find((x) => x.description === '举报测试：附照片的举报')!;
    const files = await office.get(`/api/tips/${item.id}/attachments`);
    expect(files.statusCode, files.body).toBe(200);
    expect(files.json()).toMatchObject({ total: 1, abilities: { upload: false } });
    const fileId = files.json().items[0].id as number;
    expect((await office.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(200);
    expect((await clerkA.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(401);
    await office.post(`/api/tips/${item.id}/assign`, { version: item.version, townId: townA.id, dueOn: addDays(todayInChina(), 3) });
    expect((await clerkA.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(200);
    expect((await clerkA.get(`/api/tips/${item.id}/attachments`)).json().total).toBe(1);
    expect((await clerkB.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(404);
    // In the town's hands: the tipster adds nothing more.
    expect((await sendFile(receipt, await evidenceJpeg(8))).statusCode).toBe(409);
    // Staff cannot add to a tip through the uploads either.
    const tus = await t.upload({ enterpriseId: item.id, bytes: await evidenceJpeg(9), metadata: { recordType: 'tip', recordId: item.id } }, office);
    expect(tus.statusCode).toBe(404);
  });
});
