// `qudi import`: the same preview and confirm as the web page, with the decisions given as options.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCli } from '../../cli/import.js';
import { packageRoot } from '../../paths.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`qudi import (${TEST_DB})`, () => {
  let t: TestApp;
  let dir: string;
  const TOWN = '西集镇';

  beforeAll(async () => {
    t = await setupTestApp();
    await t.login('admin');
    await t.village(TOWN, '东洼村');
    dir = fs.mkdtempSync(path.join(packageRoot(), 'node_modules', '.qudi-import-cli-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const count = async () => Number((await t.ctx.db.selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('lists mistakes and rows that look like registered workshops, imports nothing until told, then links and imports', async () => {
    const existing = await t.createWorkshop({ townName: TOWN, name: '东洼村丙塑料加工厂', phone: '13900000301' });
    const file = path.join(dir, '补报.csv');
    fs.writeFileSync(file, '序号,企业名称,企业位置,联系电话\n1,东洼村丙塑料加工点,东洼村村东,13900000301\n2,东洼村新洗选点,东洼村村西,13900000302\n3,,东洼村村北,13900000303\n');
    const before = await count();

    const lines: string[] = [];
    expect(await runImportCli(t.ctx, file, { town: TOWN, skipErrors: true }, (l) => lines.push(l))).toBe(1);
    const out = lines.join('\n');
    expect(out).toContain('读取 3 行，1 行有错误');
    expect(out).toContain('企业名称：请填写企业名称');
    expect(out).toContain(`疑似台账中的 “东洼村丙塑料加工厂”（编号 ${existing.id}，电话相同、名称相近）`);
    expect(out).toContain('--duplicates');
    expect(await count()).toBe(before);

    const done: string[] = [];
    expect(await runImportCli(t.ctx, file, { town: TOWN, skipErrors: true, duplicates: 'same' }, (l) => done.push(l))).toBe(0);
    expect(done.at(-1)).toContain('已导入 1 家企业，1 行确认为台账中的同一场所，跳过 1 行');
    expect(await count()).toBe(before + 1);
    const linked = await t.ctx.db.selectFrom('audit_log').select(['entity_id']).where('action', '=', 'enterprise.import_linked').execute();
    expect(linked.map((r) => r.entity_id)).toEqual([String(existing.id)]);
  });
});
