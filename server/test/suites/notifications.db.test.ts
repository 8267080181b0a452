// Reminders and the inbox (issue 17 §1–3), on a controllable clock: the day before a department
// request's deadline its department is told; the day after, the department and the requesting town;
// a shut site's patrol the day before it is due, its town. The sweep run again, or twice at once,
// adds nothing. Each user reads and clears only their own notices. The job queues: the embedded
// runner retries with backoff, keeps a job once per key and survives a restart; on PostgreSQL two
// pg-boss instances run each job once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentRequestDto } from '../../../domain/departmentRequests.js';
import type { NotificationListDto } from '../../../domain/notifications.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { sendReminders } from '../../commands/sendReminders.js';
import { EmbeddedQueue } from '../../jobs/embeddedQueue.js';
import { PgBossQueue } from '../../jobs/pgBossQueue.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;
/** Noon in China on a calendar day. */
const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);

describe.skipIf(dbUnavailable())(`reminders and notifications (${TEST_DB})`, () => {
  let t: TestApp;
  let clerkA: Agent;
  let clerkB: Agent;
  let power: Agent;
  let office: Agent;
  let liaison: Agent;
  let request: DepartmentRequestDto;
  let patrolDue: string;
  const today = todayInChina();
  const dueOn = addDays(today, 5);

  const inbox = async (agent: Agent, query = '') => {
    const res = await agent.get(`/api/notifications${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as NotificationListDto;
  };
  const count = async () => Number((await t.ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await setupTestApp();
    const [townA, townB] = [t.towns[0], t.towns[1]];
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    power = await t.login('department', 'power_office');
    office = await t.login('office');
    // Town A (山城街道) is paired with the environmental protection bureau (帮包部门).
    liaison = await t.login('liaison', t.campaign.definition.liaisonPairs.find((p) => p.towns.includes(townA.name))!.department);
    const workshop = await t.createWorkshop({ townName: townA.name, name: '提醒测试塑料颗粒厂', phone: '13900008001' });
    const res = await clerkA.post(`/api/enterprises/${workshop.id}/requests`, { itemCode: 'power_cut', departmentCode: 'power_office', dueOn });
    expect(res.statusCode, res.body).toBe(201);
    request = res.json() as DepartmentRequestDto;
    const shut = await t.shutDown((await t.createWorkshop({ townName: townA.name, name: '提醒测试已取缔作坊', phone: '13900008002' })).id);
    patrolDue = (await t.ctx.db.selectFrom('enterprises').select('patrol_due_on').where('id', '=', shut.id).executeTakeFirstOrThrow()).patrol_due_on!;
  });
  afterAll(() => t.close());

  it('tells nobody while nothing is due tomorrow or missed', async () => {
    expect((await sendReminders(t.ctx, noon(today))).added).toBe(0);
    expect((await inbox(power)).items).toEqual([]);
  });

  it('tells the department the day before the deadline, once however often the sweep runs', async () => {
    const dayBefore = noon(addDays(dueOn, -1));
    const first = await sendReminders(t.ctx, dayBefore);
    expect(first.added).toBeGreaterThan(0);
    const [again, atOnce] = await Promise.all([sendReminders(t.ctx, dayBefore), sendReminders(t.ctx, new Date(dayBefore.getTime() + 60_000))]);
    expect(again.added + atOnce.added).toBe(0);
    const mine = await inbox(power);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'request_due', link: `/enterprises/${request.enterprise.id}`, readAt: null });
    expect(mine.items[0]!.title + mine.items[0]!.body).toMatch(CHINESE);
    expect(mine.items[0]!.body).toContain(dueOn);
    // The town is not told before the deadline; another town never.
    expect((await inbox(clerkA)).items.filter((n) => n.kind.startsWith('request'))).toEqual([]);
  });

  it('tells the department and the requesting town once the deadline has passed — and catches up after days without a sweep', async () => {
    const before = await count();
    // Two days late: the department and the town; not yet the town's liaison department.
    await sendReminders(t.ctx, noon(addDays(dueOn, 2)));
    expect((await inbox(liaison)).items).toEqual([]);
    expect((await sendReminders(t.ctx, noon(addDays(dueOn, 3)))).added).toBeGreaterThan(0);
    // Three days late: up the chain to the liaison department, once.
    const told = (await inbox(liaison)).items;
    expect(told.map((n) => n.kind)).toEqual(['request_overdue']);
    expect(told[0]!.title).toContain('告帮包部门');
    expect((await inbox(power)).items.map((n) => n.kind)).toEqual(['request_overdue', 'request_due']);
    expect((await inbox(clerkA)).items.map((n) => n.kind)).toContain('request_overdue');
    expect((await inbox(clerkB)).items).toEqual([]);
    expect((await inbox(office)).items.filter((n) => n.kind.startsWith('request'))).toEqual([]);
    const after = await count();
    expect((await sendReminders(t.ctx, noon(addDays(dueOn, 4)))).added).toBe(0);
    expect(await count()).toBe(after);
    expect(after).toBeGreaterThan(before);
  });

  it('tells the town the day before its shut sites are due for a patrol, as one notice per town and day', async () => {
    await sendReminders(t.ctx, noon(addDays(patrolDue, -1)));
    const patrols = (await inbox(clerkA)).items.filter((n) => n.kind === 'patrols_due');
    expect(patrols).toHaveLength(1);
    expect(patrols[0]!.body).toMatch(/^1 家/);
    expect((await inbox(clerkB)).items).toEqual([]);
  });

  it('tells the town about a 督办 the day before its due day, and once missed the town and whoever escalated it', async () => {
    const workshop = await t.createWorkshop({ townName: t.towns[0].name, name: '督办提醒测试洗选厂', phone: '13900008003' });
    const due = addDays(today, 3);
    const res = await office.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'escalation', text: '请限期断电并报告', dueOn: due });
    expect(res.statusCode, res.body).toBe(201);
    await sendReminders(t.ctx, noon(addDays(due, -1)));
    expect((await inbox(clerkA)).items.find((n) => n.kind === 'escalation_due')?.body).toContain(workshop.name);
    expect((await inbox(office)).items.filter((n) => n.kind.startsWith('escalation'))).toEqual([]);
    await sendReminders(t.ctx, noon(addDays(due, 1)));
    expect((await inbox(office)).items.map((n) => n.kind)).toContain('escalation_overdue');
    expect((await inbox(clerkA)).items.map((n) => n.kind)).toContain('escalation_overdue');
    expect((await inbox(clerkB)).items.filter((n) => n.kind.startsWith('escalation'))).toEqual([]);
  });

  it('reminds as many days ahead as REMIND_DAYS_BEFORE says, and says so', async () => {
    const workshop = await t.createWorkshop({ townName: t.towns[0].name, name: '提前三天提醒测试作坊', phone: '13900008005' });
    const due = addDays(today, 6);
    const res = await office.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'escalation', text: '请一周内拆除设备', dueOn: due });
    expect(res.statusCode, res.body).toBe(201);
    const threeDays = { ...t.ctx, config: { ...t.ctx.config, remindDaysBefore: 3 } };
    await sendReminders(threeDays, noon(addDays(due, -4)));
    expect((await inbox(clerkA, '?pageSize=100')).items.filter((n) => n.body.includes(workshop.name))).toEqual([]);
    await sendReminders(threeDays, noon(addDays(due, -3)));
    expect((await inbox(clerkA, '?pageSize=100')).items.find((n) => n.body.includes(workshop.name))?.title).toBe('督办3 天后到期');
  });

  it('tells each town without a signed task table the day before the report day, and the office once it has passed', async () => {
    const due = t.campaign.definition.phases.find((p) => p.reportDue)!.reportDue!;
    await sendReminders(t.ctx, noon(addDays(due, -1)));
    for (const clerk of [clerkA, clerkB]) expect((await inbox(clerk)).items.map((n) => n.kind)).toContain('report_due');
    expect((await inbox(office)).items.filter((n) => n.kind.startsWith('report'))).toEqual([]);
    await sendReminders(t.ctx, noon(addDays(due, 2)));
    const late = (await inbox(office, '?pageSize=100')).items.filter((n) => n.kind === 'report_overdue');
    expect(late.length).toBe(t.towns.length);
    expect(late.map((n) => n.body).join()).toContain(t.towns[1].name);
  });

  it('tells every town and the office the day before a phase ends, and the towns with items pending the day before the items are due; the office once missed', async () => {
    const phases = t.campaign.definition.phases;
    const ending = phases.find((p) => p.end)!;
    await sendReminders(t.ctx, noon(addDays(ending.end!, -1)));
    for (const agent of [clerkA, clerkB, office]) expect((await inbox(agent, '?pageSize=100')).items.filter((n) => n.kind === 'phase_ending').map((n) => n.title)).toEqual([`${ending.name}明天结束`]);
    const withItems = phases.find((p) => p.itemsDue)!;
    const due = withItems.itemsDue!;
    await sendReminders(t.ctx, noon(addDays(due, -1)));
    // Town A has workshops with items pending; town B has none.
    expect((await inbox(clerkA, '?pageSize=100')).items.find((n) => n.kind === 'items_due')?.body).toMatch(/尚有 \d+ 项未完成/);
    expect((await inbox(clerkB, '?pageSize=100')).items.filter((n) => n.kind.startsWith('items'))).toEqual([]);
    expect((await inbox(office, '?pageSize=100')).items.filter((n) => n.kind.startsWith('items'))).toEqual([]);
    await sendReminders(t.ctx, noon(addDays(due, 1)));
    const late = (await inbox(office, '?pageSize=100')).items.filter((n) => n.kind === 'items_overdue');
    expect(late.map((n) => n.body.startsWith(t.towns[0].name))).toEqual([true]);
  });

  it('tells the office of a joint-operation application still undecided on its proposed day, and the town and the team’s departments the day before the operation', async () => {
    const workshop = await t.createWorkshop({ townName: t.towns[0].name, name: '联合执法提醒测试颗粒厂', phone: '13900008004' });
    const proposedOn = addDays(today, 2);
    const applied = await clerkA.post('/api/joint-operations', { townId: t.towns[0].id, workshopIds: [workshop.id], reason: '设备大，需要挖掘机', proposedOn });
    expect(applied.statusCode, applied.body).toBe(201);
    const operation = applied.json() as { id: number; version: number };
    await sendReminders(t.ctx, noon(addDays(proposedOn, -1)));
    expect((await inbox(office, '?pageSize=100')).items.find((n) => n.kind === 'operation_pending')?.link).toBe(`/joint-operations/${operation.id}`);
    expect((await inbox(clerkA, '?pageSize=100')).items.filter((n) => n.kind.startsWith('operation'))).toEqual([]);
    const powerName = (await t.ctx.db.selectFrom('departments').select('name').where('code', '=', 'power_office').executeTakeFirstOrThrow()).name;
    const operationOn = addDays(today, 4);
    const approved = await office.post(`/api/joint-operations/${operation.id}/approve`, { version: operation.version, operationOn, team: [{ unit: powerName, people: '张电工' }], machinery: { excavator: 1 } });
    expect(approved.statusCode, approved.body).toBe(200);
    await sendReminders(t.ctx, noon(addDays(operationOn, -1)));
    for (const agent of [clerkA, power, office]) expect((await inbox(agent, '?pageSize=100')).items.map((n) => n.kind)).toContain('operation_due');
    expect((await inbox(clerkB, '?pageSize=100')).items.filter((n) => n.kind.startsWith('operation'))).toEqual([]);
  });

  it('lets each user read and clear only their own notices; bad input is refused in Chinese', async () => {
    const mine = await inbox(power, '?unread=true');
    expect(mine.items.length).toBeGreaterThan(0);
    const theirs = (await inbox(clerkA)).items[0]!;
    expect((await power.post(`/api/notifications/${theirs.id}/read`, {})).statusCode).toBe(404);
    expect((await power.post('/api/notifications/99999999/read', {})).statusCode).toBe(404);
    const read = await power.post(`/api/notifications/${mine.items[0]!.id}/read`, {});
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ unread: mine.unread - 1 });
    expect((await power.get('/api/notifications/unread')).json()).toEqual({ unread: mine.unread - 1 });
    expect((await inbox(clerkA)).unread).toBeGreaterThan(0);
    for (const q of ['?unread=maybe', '?page=0', '?pageSize=1000', '?x=1']) {
      const res = await power.get(`/api/notifications${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().detail).toMatch(CHINESE);
    }
    expect((await power.post('/api/notifications/read-all', { extra: 1 })).statusCode).toBe(400);
    expect((await power.post('/api/notifications/read-all', {})).json()).toEqual({ unread: 0 });
    expect((await inbox(power, '?unread=true')).items).toEqual([]);
    expect((await inbox(clerkA)).unread).toBeGreaterThan(0);
  });

  it('runs the embedded queue’s jobs once per key, retries a failing one with backoff, and resumes after a restart', async () => {
    let clock = new Date('2026-05-10T00:00:00Z');
    const errors: string[] = [];
    const queue = new EmbeddedQueue(t.ctx.db, (e) => errors.push(e.message), { now: () => clock });
    let calls = 0;
    queue.work('flaky', async () => {
      calls++;
      if (calls < 3) throw new Error(`try ${calls}`);
    });
    await queue.send('flaky', { n: 1 }, { key: 'one', retryLimit: 5 });
    await queue.send('flaky', { n: 1 }, { key: 'one', retryLimit: 5 });
    expect(await queue.runDue()).toBe(1);
    expect(calls).toBe(1);
    // Not again before its backoff (10 s), then again; then 20 s more.
    clock = new Date(clock.getTime() + 5_000);
    expect(await queue.runDue()).toBe(0);
    clock = new Date(clock.getTime() + 6_000);
    expect(await queue.runDue()).toBe(1);
    clock = new Date(clock.getTime() + 21_000);
    expect(await queue.runDue()).toBe(1);
    expect(calls).toBe(3);
    expect(errors).toEqual(['try 1', 'try 2']);
    const row = await t.ctx.db.selectFrom('jobs').selectAll().where('key', '=', 'one').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'done', attempts: 3 });
    // A job left running by a stopped process runs again in the next one.
    await queue.send('flaky', {}, { key: 'two' });
    await t.ctx.db.updateTable('jobs').set({ state: 'active' }).where('key', '=', 'two').execute();
    const restarted = new EmbeddedQueue(t.ctx.db, () => undefined, { now: () => clock, pollMs: 60_000 });
    let resumed = 0;
    restarted.work('flaky', async () => void resumed++);
    await restarted.start();
    await restarted.stop();
    expect(resumed).toBe(1);
  });

  it.skipIf(TEST_DB !== 'postgres')('runs each job once with two pg-boss instances on one database', async () => {
    const seen: number[] = [];
    const errors: Error[] = [];
    const instances = [new PgBossQueue(t.ctx.config.databaseUrl!, (e) => errors.push(e)), new PgBossQueue(t.ctx.config.databaseUrl!, (e) => errors.push(e))];
    for (const q of instances) q.work('once', async (data) => void seen.push((data as { n: number }).n));
    for (const q of instances) await q.start();
    try {
      for (let n = 0; n < 20; n++) await instances[n % 2]!.send('once', { n }, { key: `once-${n}` });
      await expect.poll(() => seen.length, { timeout: 30_000, interval: 200 }).toBe(20);
      await new Promise((r) => setTimeout(r, 2_500));
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
      expect(errors).toEqual([]);
    } finally {
      for (const q of instances) await q.stop();
    }
  }, 60_000);
});
