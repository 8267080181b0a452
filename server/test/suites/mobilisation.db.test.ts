import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListResponse } from '../../../domain/api.js';
import type { LeadingMemberDto, PublicityEventDto } from '../../../domain/mobilisation.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`mobilisation: town leading bodies and the publicity log (${TEST_DB})`, () => {
  let t: TestApp;
  let town: Agent;
  let townId: number;
  let otherId: number;

  beforeAll(async () => {
    t = await setupTestApp();
    townId = t.towns[1].id;
    otherId = t.towns[2].id;
    town = await t.login('town', t.towns[1].name);
  });
  afterAll(() => t.close());

  it('records the town’s leading body with one first responsible person', async () => {
    expect((await town.post('/api/mobilisation/leading-members', { townId, position: 'leader', name: '梁鹏', title: '镇长', isPrincipal: true })).statusCode).toBe(201);
    expect((await town.post('/api/mobilisation/leading-members', { townId, position: 'deputy', name: '赵副', title: '副镇长', isPrincipal: true })).statusCode).toBe(201);
    expect((await town.post('/api/mobilisation/leading-members', { townId, position: 'member', name: '钱成员', title: '环保所所长' })).statusCode).toBe(201);
    const list = (await town.get('/api/mobilisation/leading-members')).json() as ListResponse<LeadingMemberDto>;
    expect(list.items.map((m) => m.name)).toEqual(['梁鹏', '赵副', '钱成员']);
    expect(list.items.filter((m) => m.isPrincipal).map((m) => m.name)).toEqual(['赵副']);
    const bad = await town.post('/api/mobilisation/leading-members', { townId, position: 'king', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('请选择职务');
  });

  it('logs meetings, vehicle outings and media reports with the details each needs', async () => {
    const meeting = await town.post('/api/mobilisation/publicity', { townId, kind: 'meeting', heldOn: '2016-05-06', place: '镇政府三楼会议室', attendees: 42, notes: '部署集中取缔行动' });
    expect(meeting.statusCode).toBe(201);
    expect((await town.post('/api/mobilisation/publicity', { townId, kind: 'vehicle', heldOn: '2016-05-07', place: '全镇', vehicles: 3 })).statusCode).toBe(201);
    const media = await town.post('/api/mobilisation/publicity', { townId, kind: 'media', heldOn: '2016-05-08', outlet: '山亭广播影视台', title: '我镇开展土小企业集中取缔', link: 'https://example.org/news/1' });
    expect(media.statusCode).toBe(201);
    const missing = await town.post('/api/mobilisation/publicity', { townId, kind: 'meeting', heldOn: '2016-05-06' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['attendees', 'place']);
    const badLink = await town.post('/api/mobilisation/publicity', { townId, kind: 'media', heldOn: '2016-05-08', outlet: '某报', title: '标题', link: 'not a url' });
    expect(badLink.statusCode).toBe(400);
    const list = (await town.get('/api/mobilisation/publicity')).json() as ListResponse<PublicityEventDto>;
    expect(list.items.map((e) => e.kind)).toEqual(['media', 'vehicle', 'meeting']);
    expect(list.items[2]).toMatchObject({ attendees: 42, vehicles: null, place: '镇政府三楼会议室' });
    const meetings = (await town.get('/api/mobilisation/publicity?kind=meeting')).json() as ListResponse<PublicityEventDto>;
    expect(meetings.total).toBe(1);
  });

  it('shows each town’s records to the office and keeps other towns out', async () => {
    const office = await t.login('office');
    const all = (await office.get('/api/mobilisation/publicity')).json() as ListResponse<PublicityEventDto>;
    expect(all.total).toBe(3);
    expect(all.items.every((e) => e.townId === townId)).toBe(true);
    const other = await t.login('town', t.towns[2].name);
    expect(((await other.get('/api/mobilisation/publicity')).json() as ListResponse<PublicityEventDto>).total).toBe(0);
    expect((await other.post('/api/mobilisation/publicity', { townId, kind: 'vehicle', heldOn: '2016-05-07', vehicles: 1 })).statusCode).toBe(400);
    const id = all.items[0].id;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/mobilisation/publicity/${id}`, headers: { cookie: other.cookie } });
    expect(del.statusCode).toBe(404);
    const leader = await t.login('leader');
    const noWrite = await t.app.inject({ method: 'DELETE', url: `/api/mobilisation/publicity/${id}`, headers: { cookie: leader.cookie } });
    expect(noWrite.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'DELETE', url: `/api/mobilisation/publicity/${id}`, headers: { cookie: town.cookie } });
    expect(ok.statusCode).toBe(204);
    expect(((await office.get('/api/mobilisation/publicity')).json() as ListResponse<PublicityEventDto>).total).toBe(2);
    expect(otherId).toBeGreaterThan(0);
  });
});
