// 群机器人 (issue 17 §3) on both databases, against a local receiver (node:http on 127.0.0.1): the
// exact 企业微信 and 钉钉 payloads and 钉钉's 加签; a robot's 500 retried by the job queue with backoff
// and then delivered once; a refusal (errcode ≠ 0) not retried and shown as the robot's last error;
// a reminder sweep run twice pushes once; the configuration routes refuse bad input in Chinese and
// another town's robot (404); no answer holds a robot's URL or secret.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../domain/time.js';
import type { WebhookDto, WebhookListDto, WebhookTestResultDto } from '../../../domain/webhooks.js';
import { pushDailyReport } from '../../commands/pushDailyReport.js';
import { sendReminders } from '../../commands/sendReminders.js';
import { EmbeddedQueue } from '../../jobs/embeddedQueue.js';
import { registerWebhookJob, WEBHOOK_JOB, WEBHOOK_RETRIES } from '../../jobs/index.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;
const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);

interface Received {
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  body: unknown;
}

describe.skipIf(dbUnavailable())(`group robots (${TEST_DB})`, () => {
  let t: TestApp;
  let office: Agent;
  let headA: Agent;
  let headB: Agent;
  let clerkA: Agent;
  let power: Agent;
  let server: Server;
  let base: string;
  const received: Received[] = [];
  /** Per path: the answers still to give, in order (then `{errcode:0}`). */
  const script = new Map<string, { status: number; body: unknown }[]>();
  /** Every answer any route gave in this suite, to look for a URL or secret in. */
  const answers: string[] = [];
  const SECRET = 'SECtopsecret0042';
  const keyUrl = (path: string) => `${base}${path}?key=SECRETKEY-${path.slice(1)}`;
  const tokenUrl = (path: string) => `${base}${path}?access_token=SECRETTOKEN-${path.slice(1)}`;
  const at = (path: string) => received.filter((r) => r.path === path);

  const keep = <R extends { body: string }>(res: R): R => {
    answers.push(res.body);
    return res;
  };
  const list = async (agent: Agent) => {
    const res = keep(await agent.get('/api/webhooks'));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WebhookListDto;
  };
  const create = async (agent: Agent, body: Record<string, unknown>) => {
    const res = keep(await agent.post('/api/webhooks', body));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as WebhookDto;
  };
  const remove = (agent: Agent, id: number) => t.app.inject({ method: 'DELETE', url: `/api/webhooks/${id}`, headers: { cookie: agent.cookie } });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString('utf8')));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        received.push({ path: url.pathname, query: url.searchParams, rawQuery: url.search, body: JSON.parse(data || 'null') as unknown });
        const next = script.get(url.pathname)?.shift() ?? { status: 200, body: { errcode: 0, errmsg: 'ok' } };
        res.writeHead(next.status, { 'content-type': 'application/json' }).end(JSON.stringify(next.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The local receiver stands in for 企业微信's and 钉钉's hosts.
    t = await setupTestApp({ config: { webhookHosts: ['qyapi.weixin.qq.com', 'oapi.dingtalk.com', '127.0.0.1', 'localhost'] } });
    office = await t.login('office');
    headA = await t.login('town_head', t.towns[0].name);
    headB = await t.login('town_head', t.towns[1].name);
    clerkA = await t.login('town', t.towns[0].name);
    power = await t.login('department', 'power_office');
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a bad robot in Chinese: not https, a host not allowed, an unknown field, an unknown platform, a secret for 企业微信, no unit', async () => {
    const townA = t.towns[0].id;
    const good = { orgUnitId: townA, platform: 'wecom', name: '甲镇取缔群', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' };
    for (const [body, field] of [
      [{ ...good, url: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' }, 'url'],
      [{ ...good, url: '不是地址' }, 'url'],
      // A host outside WEBHOOK_HOSTS: the server never posts to a machine a user names.
      [{ ...good, url: 'https://intranet.example.cn/hook?key=x' }, 'url'],
      [{ ...good, extra: 1 }, ''],
      [{ ...good, platform: 'feishu' }, 'platform'],
      [{ ...good, secret: 'SEC1' }, 'secret'],
      [{ platform: 'wecom', name: '无单位', url: good.url }, 'orgUnitId'],
      [{ ...good, orgUnitId: 99999 }, 'orgUnitId'],
    ] as const) {
      const res = keep(await office.post('/api/webhooks', body));
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(400);
      const problem = res.json() as { detail: string; errors?: { path: string; message: string }[] };
      expect(problem.detail).toMatch(CHINESE);
      if (field) expect(problem.errors?.find((e) => e.path === field)?.message, res.body).toMatch(CHINESE);
    }
    expect(await t.ctx.db.selectFrom('webhooks').selectAll().execute()).toEqual([]);
  });

  it('lets the office configure any unit, a town’s principal only their town, a department only itself; another town’s robot is 404', async () => {
    const [townA, townB] = t.towns;
    const robot = await create(office, { orgUnitId: townA.id, platform: 'wecom', name: '甲镇取缔群', url: keyUrl('/wecom') });
    expect(robot).toMatchObject({ unit: { kind: 'town', id: townA.id, name: townA.name }, platform: 'wecom', enabled: true, hasSecret: false, lastStatus: null });
    expect(robot.maskedUrl).toBe(`${base}/wecom?key=****`);
    await create(headA, { orgUnitId: townA.id, platform: 'dingtalk', name: '甲镇钉钉群', url: tokenUrl('/dingtalk'), secret: SECRET, remark: '加签' });
    await create(power, { departmentId: (await t.ctx.db.selectFrom('departments').select('id').where('code', '=', 'power_office').executeTakeFirstOrThrow()).id, platform: 'wecom', name: '供电所', url: keyUrl('/power') });
    const district = (await list(office)).units.find((u) => u.kind === 'district')!;
    await create(office, { orgUnitId: district.id, platform: 'wecom', name: '办公室群', url: keyUrl('/office') });

    expect((await list(office)).items).toHaveLength(4);
    const mine = await list(headA);
    expect(mine.items.map((w) => w.name).sort()).toEqual(['甲镇取缔群', '甲镇钉钉群'].sort());
    expect(mine.units).toEqual([{ kind: 'town', id: townA.id, name: townA.name }]);
    expect(mine.items.find((w) => w.platform === 'dingtalk')).toMatchObject({ hasSecret: true, remark: '加签', maskedUrl: `${base}/dingtalk?access_token=****` });
    expect((await list(headB)).items).toEqual([]);
    expect((await list(power)).items.map((w) => w.name)).toEqual(['供电所']);
    // A town's staff (not its principal) does not configure robots.
    expect((await clerkA.get('/api/webhooks')).statusCode).toBe(403);

    // Another town's principal: the robot does not exist for them, nor may they add one to that town.
    for (const res of [
      await headB.patch(`/api/webhooks/${robot.id}`, { name: '改名' }),
      await headB.post(`/api/webhooks/${robot.id}/test`, {}),
      await remove(headB, robot.id),
      await headB.post('/api/webhooks', { orgUnitId: townA.id, platform: 'wecom', name: '越权', url: keyUrl('/x') }),
      await headA.post('/api/webhooks', { orgUnitId: district.id, platform: 'wecom', name: '越权', url: keyUrl('/x') }),
    ]) {
      keep(res);
      expect(res.statusCode, res.body).toBe(404);
      expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
    }
    expect((await list(office)).items.map((w) => w.name)).not.toContain('改名');
    // The town's principal changes their own robot; a secret only for 钉钉; unknown fields refused.
    const changed = keep(await headA.patch(`/api/webhooks/${robot.id}`, { remark: '每日推送', enabled: true }));
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as WebhookDto).remark).toBe('每日推送');
    expect((await headA.patch(`/api/webhooks/${robot.id}`, { secret: 'SEC1' })).statusCode).toBe(400);
    expect((await headA.patch(`/api/webhooks/${robot.id}`, { platform: 'dingtalk' })).statusCode).toBe(400);
    // Removing: audited like every change, the URL masked there too.
    const spare = await create(headB, { orgUnitId: townB.id, platform: 'wecom', name: '乙镇临时群', url: keyUrl('/spare') });
    expect((await remove(headB, spare.id)).statusCode).toBe(204);
    expect((await list(headB)).items).toEqual([]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'webhook').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['webhook.create', 'webhook.create', 'webhook.create', 'webhook.create', 'webhook.create', 'webhook.delete', 'webhook.update']);
    expect(JSON.stringify(audit)).not.toMatch(/SECRET|SECtop/);
  });

  it('sends the test message now: the exact 企业微信 payload, and 钉钉’s with a valid 加签', async () => {
    const robots = (await list(headA)).items;
    const wecom = robots.find((w) => w.platform === 'wecom')!;
    const ding = robots.find((w) => w.platform === 'dingtalk')!;
    const res = keep(await headA.post(`/api/webhooks/${wecom.id}/test`, {}));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, status: 'ok', error: null } satisfies WebhookTestResultDto);
    const lines = (name: string) => `单位：${t.towns[0].name}\n机器人：${name}\n收到这条消息，说明机器人配置正确：本单位的到期提醒和逾期督促会推送到这个群。`;
    expect(at('/wecom')).toHaveLength(1);
    expect(at('/wecom')[0]!.query.get('key')).toBe('SECRETKEY-wecom');
    expect(at('/wecom')[0]!.body).toEqual({ msgtype: 'markdown', markdown: { content: `### 取缔平台测试消息\n\n${lines('甲镇取缔群')}` } });

    const before = Date.now();
    expect((keep(await headA.post(`/api/webhooks/${ding.id}/test`, {}))).json()).toMatchObject({ ok: true });
    const got = at('/dingtalk')[0]!;
    expect(got.body).toEqual({ msgtype: 'markdown', markdown: { title: '取缔平台测试消息', text: `### 取缔平台测试消息\n\n${lines('甲镇钉钉群')}` } });
    expect(got.query.get('access_token')).toBe('SECRETTOKEN-dingtalk');
    const timestamp = got.query.get('timestamp')!;
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(Date.now());
    const sign = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    expect(got.query.get('sign')).toBe(sign);
    expect(got.rawQuery).toContain(`sign=${encodeURIComponent(sign)}`);
    expect((await list(headA)).items.every((w) => w.lastStatus === 'ok' && w.lastAt !== null)).toBe(true);
  });

  it('retries a robot’s 500 with backoff and then delivers once; a refusal is not retried and shown as the last error', async () => {
    const townB = t.towns[1];
    const flaky = await create(headB, { orgUnitId: townB.id, platform: 'wecom', name: '乙镇群', url: keyUrl('/flaky') });
    const refusing = await create(headB, { orgUnitId: townB.id, platform: 'wecom', name: '乙镇旧群', url: keyUrl('/refuse') });
    script.set('/flaky', [{ status: 500, body: { errmsg: 'busy' } }]);
    script.set('/refuse', [{ status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } }]);
    let clock = new Date('2026-05-10T00:00:00Z');
    const queue = new EmbeddedQueue(t.ctx.db, () => undefined, { now: () => clock });
    registerWebhookJob(t.ctx, queue);
    const message = { title: '测试重试', lines: ['- 一条'] };
    await queue.send(WEBHOOK_JOB, { robotId: flaky.id, message }, { key: `t:${flaky.id}`, retryLimit: WEBHOOK_RETRIES });
    await queue.send(WEBHOOK_JOB, { robotId: refusing.id, message }, { key: `t:${refusing.id}`, retryLimit: WEBHOOK_RETRIES });
    expect(await queue.runDue()).toBe(2);
    expect(at('/flaky')).toHaveLength(1);
    const shown = async () => new Map((await list(headB)).items.map((w) => [w.id, w]));
    expect((await shown()).get(flaky.id)).toMatchObject({ lastStatus: 'failed' });
    expect((await shown()).get(flaky.id)!.lastError).toContain('500');
    // Not before its backoff, then once more: delivered.
    clock = new Date(clock.getTime() + 5_000);
    expect(await queue.runDue()).toBe(0);
    clock = new Date(clock.getTime() + 6_000);
    expect(await queue.runDue()).toBe(1);
    clock = new Date(clock.getTime() + 3600_000);
    expect(await queue.runDue()).toBe(0);
    expect(at('/flaky')).toHaveLength(2);
    expect(at('/flaky')[1]!.body).toEqual({ msgtype: 'markdown', markdown: { content: '### 测试重试\n\n- 一条' } });
    expect((await shown()).get(flaky.id)).toMatchObject({ lastStatus: 'ok', lastError: null });
    // The refusal: one request, never again, its error on the robot.
    expect(at('/refuse')).toHaveLength(1);
    const refused = (await shown()).get(refusing.id)!;
    expect(refused.lastStatus).toBe('refused');
    expect(refused.lastError).toContain('93000');
    const jobs = await t.ctx.db.selectFrom('jobs').select(['key', 'state', 'attempts']).where('name', '=', WEBHOOK_JOB).orderBy('key').execute();
    expect(jobs).toEqual(expect.arrayContaining([{ key: `t:${flaky.id}`, state: 'done', attempts: 2 }, { key: `t:${refusing.id}`, state: 'done', attempts: 1 }]));
    // The test route answers a refusal as such, without retrying.
    script.set('/refuse', [{ status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } }]);
    const test = keep(await headB.post(`/api/webhooks/${refusing.id}/test`, {}));
    expect(test.json()).toMatchObject({ ok: false, status: 'refused' });
    expect(at('/refuse')).toHaveLength(2);
    // Both out of the way of the sweep below.
    for (const w of [flaky, refusing]) expect((await headB.patch(`/api/webhooks/${w.id}`, { enabled: false })).statusCode).toBe(200);
  });

  it('pushes a sweep’s new notices once per robot — a sweep run again, or twice at once, pushes nothing more', async () => {
    const townA = t.towns[0];
    const dueOn = addDays(todayInChina(), 5);
    const workshop = await t.createWorkshop({ townName: townA.name, name: '机器人测试塑料颗粒厂', phone: '13900009101' });
    const req = await clerkA.post(`/api/enterprises/${workshop.id}/requests`, { itemCode: 'power_cut', departmentCode: 'power_office', dueOn });
    expect(req.statusCode, req.body).toBe(201);
    let clock = noon(addDays(dueOn, -1));
    const queue = new EmbeddedQueue(t.ctx.db, () => undefined, { now: () => clock });
    registerWebhookJob(t.ctx, queue);
    const sweep = () => sendReminders(t.ctx, clock, { pushWebhook: (job, key) => queue.send(WEBHOOK_JOB, job, { key, retryLimit: WEBHOOK_RETRIES }) });
    const seen = () => received.length;
    const start = seen();

    // The day before: the department is told; its robot gets one message; the town's robots nothing yet.
    const first = await sweep();
    expect(first.added).toBeGreaterThan(0);
    const [again, atOnce] = await Promise.all([sweep(), sweep()]);
    expect(again.pushed + atOnce.pushed).toBe(0);
    await queue.runDue();
    expect(at('/power')).toHaveLength(1);
    const powerMessage = (at('/power')[0]!.body as { markdown: { content: string } }).markdown.content;
    expect(powerMessage).toContain('部门协办请求明天到期');
    expect(powerMessage).toContain('机器人测试塑料颗粒厂');
    expect(received.slice(start).filter((r) => r.path !== '/power')).toEqual([]);

    // Overdue: the department and the requesting town are told; each of their enabled robots once.
    clock = noon(addDays(dueOn, 2));
    expect((await sweep()).pushed).toBeGreaterThanOrEqual(3);
    await sweep();
    await queue.runDue();
    clock = noon(addDays(dueOn, 3));
    await sweep();
    await queue.runDue();
    for (const path of ['/power', '/wecom', '/dingtalk']) {
      const overdue = at(path).filter((r) => JSON.stringify(r.body).includes('部门协办请求已逾期'));
      expect(overdue, path).toHaveLength(1);
    }
    const ding = at('/dingtalk').at(-1)!;
    expect(ding.query.get('sign')).toBe(createHmac('sha256', SECRET).update(`${ding.query.get('timestamp')}\n${SECRET}`).digest('base64'));
    // Disabled robots, and the office's (not told of this), got nothing from the sweeps.
    expect(received.slice(start).filter((r) => ['/flaky', '/refuse', '/office'].includes(r.path))).toEqual([]);
  });

  it('pushes the day’s 日报 from 8 o’clock, once per robot and day: the district’s figures to the district, a town’s own to the town', async () => {
    const townB = t.towns[1];
    await t.createWorkshop({ townName: townB.name, name: '日报推送测试作坊', phone: '13900009201' });
    const district = await create(office, { orgUnitId: t.campaign.rootId, platform: 'wecom', name: '区日报群', url: keyUrl('/daily-district') });
    const town = await create(office, { orgUnitId: townB.id, platform: 'wecom', name: '乙镇日报群', url: keyUrl('/daily-town') });
    expect(district.id).not.toBe(town.id);
    const day = addDays(todayInChina(), 1);
    let clock = new Date(`${day}T07:59:00+08:00`);
    const queue = new EmbeddedQueue(t.ctx.db, () => undefined, { now: () => clock });
    registerWebhookJob(t.ctx, queue);
    const push = () => pushDailyReport(t.ctx, clock, (job, key) => queue.send(WEBHOOK_JOB, job, { key, retryLimit: WEBHOOK_RETRIES }));
    expect(await push()).toBe(0);
    clock = new Date(`${day}T08:01:00+08:00`);
    expect(await push()).toBeGreaterThanOrEqual(2);
    expect(await push()).toBe(0);
    await queue.runDue();
    const [districtMessage, townMessage] = ['/daily-district', '/daily-town'].map((path) => {
      expect(at(path), path).toHaveLength(1);
      return (at(path)[0]!.body as { markdown: { content: string } }).markdown.content;
    });
    expect(districtMessage).toContain('日报');
    expect(districtMessage).toMatch(/全区共排查土小企业\d+家/);
    expect(townMessage).toContain(townB.name);
    expect(townMessage).not.toContain('全区');
    // The next day, again once.
    clock = new Date(`${addDays(day, 1)}T09:00:00+08:00`);
    expect(await push()).toBeGreaterThanOrEqual(2);
  });

  it('never answers a robot’s URL or secret', () => {
    expect(answers.length).toBeGreaterThan(20);
    for (const body of answers) expect(body).not.toMatch(/SECRETKEY|SECRETTOKEN|SECtop/);
  });
});
