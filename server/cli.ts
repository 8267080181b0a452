#!/usr/bin/env node
// The `qudi` command. Every subcommand honours DATA_DIR / DATABASE_URL like the server.
import { Command, Option } from 'commander';
import { buildApp } from './app.js';
import { openContext } from './bootstrap.js';
import { createQueue } from './jobs/index.js';
import { sendReminders } from './commands/sendReminders.js';
import { deliverWebhook } from './commands/deliverWebhook.js';
import { generatePassword } from './auth/password.js';
import { readCampaignFile, DEFAULT_CAMPAIGN_FILE } from './campaign/definitionFile.js';
import { installCampaign } from './commands/installCampaign.js';
import { createUser, resolveScopeNamed } from './commands/createUser.js';
import { roleLabels } from '../domain/i18n/labels.zh-CN.js';
import type { Role } from '../domain/roles.js';
import { resetPassword } from './commands/resetPassword.js';
import { loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { refreshEmbeddedPlannerStats } from './db/dialect.js';
import { AppError } from './errors.js';
import { currentCampaign } from './repositories/campaigns.js';
import { syncDepartmentRecords } from './commands/syncDepartmentRecords.js';
import { redateCampaign } from '../domain/campaign.js';
import { runDemo } from './demo/demo.js';
import { runImportCli } from './cli/import.js';
import { apiDocument } from './cli/openapi.js';
import { drawsFromDatabase, fromPublishedFile, redraw } from './cli/acceptance.js';
import { removeStaleImports } from './commands/removeStaleImports.js';
import fs from 'node:fs';
import { EXPORT_FORMS, districtActor, planExport, writeExport, type ExportForm } from './exports/forms.js';
import { formatChainReport, verifyAuditChain } from './audit/verify.js';
import { formatFingerprint, loadSigningKey } from './evidencePackage/packageKey.js';
import { runVerifyCli } from './evidencePackage/packageVerify.js';
import { checkEvidenceStore, formatPruneReport, formatStoreReport, pruneUnreferenced } from './storage/storeCheck.js';
import { checkDashboardCounts, rebuildDashboardCounts } from './repositories/dashboard.js';
import { checkSearchIndex, rebuildSearchIndex } from './repositories/search.js';

/**
 * Runs a command against the configured database and storage, closes them, and exits with the
 * command's code (0 when it returns nothing).
 */
async function withContext(run: (ctx: AppContext) => Promise<number | void>): Promise<void> {
  const ctx = await openContext(loadConfig(), { poolSize: 2 });
  let code = 0;
  try {
    code = (await run(ctx)) ?? 0;
  } finally {
    await ctx.close();
  }
  if (code !== 0) process.exit(code);
}

const program = new Command();
program.name('qudi').description('取缔 — 土小企业集中取缔行动管理平台 / Qudi campaign platform');

program
  .command('start')
  .description('启动服务 / start the server')
  .action(async () => {
    const config = loadConfig();
    const ctx = await openContext(config, { server: true, firstAdmin: true });
    const password = ctx.firstAdminPassword;
    const app = await buildApp(ctx, { logger: true, serveWeb: true });
    await app.listen({ port: config.port, host: config.host });
    // Reminders and escalations, on pg-boss (PostgreSQL) or the embedded runner (SQLite).
    const queue = config.jobs ? createQueue(ctx, (err) => app.log.error({ err }, 'job failed')) : null;
    // pg-boss creates its queues' tables on start; two instances creating them at once deadlock
    // in PostgreSQL, so each instance sets its queue up in turn (then all of them run jobs).
    if (queue) await ctx.underStartupLock(() => queue.start());
    // Hourly: SQLite's planner statistics kept fresh as the register grows (cheap: bounded
    // sampling), and imports a stopped server left half-staged removed (also once now).
    const hourly = async () => {
      await refreshEmbeddedPlannerStats(ctx.db, ctx.dialect);
      await removeStaleImports(ctx);
    };
    void removeStaleImports(ctx).catch(() => undefined);
    setInterval(() => void hourly().catch(() => undefined), 3600_000).unref();
    // After the server's own start-up lines, so the console ends with the password and the address;
    // requests are not logged at the default level (server/plugins/requestLog.ts), so it stays there.
    if (password) {
      console.log('\n========================================================');
      console.log(' 已创建管理员账号 / first administrator created');
      console.log(`   用户名 username: admin`);
      console.log(`   密码   password: ${password}`);
      console.log(' 此密码只显示这一次，请妥善保存。 / shown only once.');
      console.log(' 忘记时重设 / to reset it: qudi user password admin');
      console.log('========================================================\n');
    }
    console.log(`Qudi 已启动：http://${config.host}:${config.port}  (${ctx.describe})`);
    const stop = async () => {
      await queue?.stop();
      await app.close();
      await ctx.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('reminders')
  .description('立即检查一次期限并发出到期提醒（后台任务每分钟也会做）/ send the due reminders now (the job queue does it every minute)')
  .action(async () => {
    await withContext(async (ctx) => {
      // No job runner here: a group robot's message is sent at once (not retried; its outcome kept on the robot).
      const { added, pushed } = await sendReminders(ctx, new Date(), { pushWebhook: async (job) => void (await deliverWebhook(ctx, job).catch(() => null)) });
      console.log(`新发出通知 ${added} 条，推送群机器人消息 ${pushed} 条 / ${added} new notifications, ${pushed} group-robot messages`);
    });
  });

const user = program.command('user').description('用户管理 / users');
user
  .command('add')
  .description('新建用户 / add a user')
  .requiredOption('--username <name>', '用户名')
  .requiredOption('--role <role>', '角色：admin office leader town town_head village liaison department inspector discipline')
  .option('--scope <scope>', '范围：镇街名、“镇街名/村居名”或部门名称（可省略开头的“区”，也可用部门代码）')
  .option('--name <displayName>', '姓名')
  .option('--password <password>', '密码（不填则自动生成并显示）')
  .option('--director', '领导小组办公室主任（仅 office 角色；可查看违纪线索）/ office director, sees disciplinary clues')
  .action(async (opts: { username: string; role: string; scope?: string; name?: string; password?: string; director?: boolean }) => {
    await withContext(async (ctx) => {
      const password = opts.password ?? generatePassword();
      await createUser(ctx, null, { username: opts.username, displayName: opts.name, password, role: opts.role, scope: opts.scope, director: opts.director });
      // Names, not codes: the role's label and the unit or department the scope resolved to.
      const role = opts.role as Role;
      const scope = await resolveScopeNamed(ctx.db, await currentCampaign(ctx.db), role, opts.scope);
      console.log(`已创建用户 / user created: ${opts.username}（${roleLabels[role]}${opts.director ? ' · 办公室主任' : ''} · ${scope.name}）`);
      if (!opts.password) console.log(`密码 / password: ${password}`);
    });
  });
user
  .command('password')
  .description('重设用户密码（忘记密码时），并让该用户的所有登录失效 / reset a forgotten password and sign the user out everywhere')
  .argument('<username>', '用户名 / username')
  .option('--password <password>', '新密码（不填则自动生成并显示）/ the new password (default: generated and printed)')
  .action(async (username: string, opts: { password?: string }) => {
    await withContext(async (ctx) => {
      const password = opts.password ?? generatePassword();
      try {
        const { sessionsEnded } = await resetPassword(ctx, null, { username, password });
        console.log(`已重设密码 / password reset: ${username}（已退出 ${sessionsEnded} 个登录 / ${sessionsEnded} sessions ended）`);
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') throw new Error(`找不到用户“${username}” / no such user: ${username}`);
        throw err;
      }
      if (!opts.password) console.log(`新密码 / new password: ${password}`);
    });
  });

const campaign = program.command('campaign').description('取缔行动 / campaigns');
campaign
  .command('create')
  .description('从定义文件创建行动，可整体改期 / create a campaign from a definition, optionally re-dated')
  .option('--from <name|file>', '定义：default 或 YAML/JSON 文件路径', 'default')
  .option('--start <date>', '第一阶段开始日期 YYYY-MM-DD（其余阶段与期限随之平移）')
  .option('--code <code>', '新行动代码（默认在原代码后加开始日期）')
  .option('--no-current', '不设为当前行动')
  .action(async (opts: { from: string; start?: string; code?: string; current: boolean }) => {
    const file = opts.from === 'default' ? DEFAULT_CAMPAIGN_FILE() : opts.from;
    let def = readCampaignFile(file);
    if (opts.start) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.start) || Number.isNaN(Date.parse(opts.start))) throw new Error('--start 应为 YYYY-MM-DD 格式的日期 / --start must be a YYYY-MM-DD date');
      def = { ...redateCampaign(def, opts.start), code: opts.code ?? `${def.code}-${opts.start}` };
    } else if (opts.code) def = { ...def, code: opts.code };
    await withContext(async (ctx) => {
      const result = await installCampaign(ctx, null, { definition: def, makeCurrent: opts.current });
      console.log(result.created ? `已创建行动 / campaign created: ${def.code}（${def.phases[0].start} 起）` : `行动已存在 / campaign exists: ${def.code}`);
    });
  });

campaign
  .command('records')
  .description('把定义文件中各部门的记录职责（records：阻碍执法、车辆查处、违法案件、接收移交）同步到当前行动，其他不变 / copy the departments’ records from a definition into the current campaign')
  .option('--from <name|file>', '定义：default 或 YAML/JSON 文件路径', 'default')
  .action(async (opts: { from: string }) => {
    const def = readCampaignFile(opts.from === 'default' ? DEFAULT_CAMPAIGN_FILE() : opts.from);
    await withContext(async (ctx) => {
      const changes = await syncDepartmentRecords(ctx, null, { from: def });
      if (changes.length === 0) console.log('各部门的记录职责已与定义一致 / records already match');
      for (const c of changes) console.log(`${c.name}（${c.code}）: [${c.before.join(', ')}] → [${c.after.join(', ')}]`);
    });
  });

program
  .command('demo')
  .description('把行动改期到集中取缔阶段，创建各角色、各部门演示账号和约 300 家模拟企业 / re-date the campaign into its shutdown phase, demo users per role and department, ~300 synthetic workshops')
  .option('--count <n>', '模拟企业数量', '300')
  .option('--seed <n>', '随机种子', '2016')
  .option('--phase <code>', '行动改期，使今天处于该阶段（默认 shutdown 集中取缔阶段）/ re-date the campaign so that today falls in this phase')
  .action(async (opts: { count: string; seed: string; phase?: string }) => {
    await withContext(async (ctx) => {
      await runDemo(ctx, { count: Number(opts.count), seed: Number(opts.seed), phase: opts.phase, log: console.log });
    });
  });

program
  .command('export')
  .description('导出通知附件表格（以区级办公室身份）/ export the notice\'s forms as .xlsx, as the district office')
  .argument('<form>', 'task-table（附件2 任务表）| registration-table（附件3 登记表）| leading-group（附件1 领导小组成员名单）')
  .option('--town <name>', '只导出该镇街 / only this town')
  .option('--out <file>', '输出文件（默认按范围和日期命名）/ output file')
  .action(async (form: string, opts: { town?: string; out?: string }) => {
    if (!(EXPORT_FORMS as readonly string[]).includes(form)) throw new Error(`表格应为 ${EXPORT_FORMS.join(' | ')} / form must be one of ${EXPORT_FORMS.join(', ')}`);
    await withContext(async (ctx) => {
      const campaign = await currentCampaign(ctx.db);
      // The route's own plan and writer: the same rows, columns and file name as a download.
      const plan = await planExport(ctx, districtActor(campaign), campaign, form as ExportForm, { town: opts.town });
      if (plan.filter === null) throw new Error(`找不到镇街 / no such town: ${opts.town}`);
      const file = opts.out ?? plan.fileName;
      const out = fs.createWriteStream(file);
      const closed = new Promise<void>((resolve, reject) => out.on('close', resolve).on('error', reject));
      await writeExport(ctx, plan, out);
      await closed;
      console.log(`已导出 / written: ${file}`);
    });
  });

program
  .command('import')
  .description('导入镇街任务表（附件2，.xlsx 或 .csv）：有错误时列出并退出 / import a town\'s task table')
  .argument('<file>', '任务表文件 / .xlsx or .csv file')
  .requiredOption('--town <name>', '镇街名称 / town name')
  .option('--skip-errors', '跳过有错误的行，导入其余各行 / import the valid rows, skip the rest')
  .addOption(
    new Option('--duplicates <decision>', '与台账中已有企业疑似重复的行：same 同一场所（不导入），different 不同企业（导入）/ rows that look like registered workshops').choices(['same', 'different']),
  )
  .action(async (file: string, opts: { town: string; skipErrors?: boolean; duplicates?: 'same' | 'different' }) => {
    await withContext((ctx) => runImportCli(ctx, file, opts, console.log));
  });

const audit = program.command('audit').description('审计日志 / audit log');
audit
  .command('verify')
  .description('按编号顺序校验审计日志的哈希链，报告第一处断裂 / walk the audit hash chain and report the first broken link')
  .action(async () => {
    await withContext(async (ctx) => {
      const report = await verifyAuditChain(ctx.db);
      for (const line of formatChainReport(report)) console.log(line);
      return report.ok ? 0 : 1;
    });
  });

const dashboard = program.command('dashboard').description('取缔进度统计 / the dashboard\'s counts');
dashboard
  .command('check')
  .description('将维护的统计数与台账逐项核对，列出不一致之处 / compare the maintained counts with a full count of the register')
  .action(async () => {
    await withContext(async (ctx) => {
      const { mismatches, triggersOff } = await checkDashboardCounts(ctx.db);
      for (const m of mismatches.slice(0, 50)) console.log(`不一致 / mismatch ${m.table} ${m.key}: 统计 ${m.kept}，台账 ${m.actual}`);
      if (triggersOff) console.log('统计触发器处于关闭状态，修改不会计入 / the count triggers are switched off');
      if (mismatches.length === 0 && !triggersOff) console.log('统计数与台账一致 / the counts match the register');
      else console.log(`共 ${mismatches.length} 处不一致，可运行 qudi dashboard rebuild 重新统计 / ${mismatches.length} mismatches; run qudi dashboard rebuild`);
      return mismatches.length === 0 && !triggersOff ? 0 : 1;
    });
  });
dashboard
  .command('rebuild')
  .description('按台账重新统计（例如直接修改数据库之后）/ recount everything from the register')
  .action(async () => {
    await withContext(async (ctx) => {
      await rebuildDashboardCounts(ctx.db);
      console.log('已重新统计 / counts rebuilt');
    });
  });

const search = program.command('search').description('企业搜索索引 / the workshop search index');
search
  .command('check')
  .description('将搜索索引与台账中的名称、地址、经营者、电话逐家核对 / compare the search index with the register\'s texts')
  .action(async () => {
    await withContext(async (ctx) => {
      const started = Date.now();
      const r = await checkSearchIndex(ctx.db);
      for (const id of r.mismatches) console.log(`不一致 / mismatch: 企业 ${id} 的索引与其名称、地址、经营者、电话不符`);
      if (r.orphans > 0) console.log(`${r.orphans} 条索引不属于台账中的任何企业 / entries naming no workshop`);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (r.mismatched === 0 && r.orphans === 0) console.log(`搜索索引与台账一致：${r.workshops} 家企业，${r.entries} 条索引（${seconds} 秒）/ the index matches the register`);
      else console.log(`共 ${r.mismatched} 家企业不一致，可运行 qudi search rebuild 重建 / ${r.mismatched} workshops differ; run qudi search rebuild`);
      return r.mismatched === 0 && r.orphans === 0 ? 0 : 1;
    });
  });
search
  .command('rebuild')
  .description('按台账重建搜索索引（例如直接修改数据库之后）/ write the index anew from the register')
  .action(async () => {
    await withContext(async (ctx) => {
      const started = Date.now();
      const n = await rebuildSearchIndex(ctx.db);
      console.log(`已重建搜索索引：${n} 家企业（${((Date.now() - started) / 1000).toFixed(1)} 秒）/ index rebuilt`);
    });
  });

const acceptance = program.command('acceptance').description('验收 / acceptance');
acceptance
  .command('redraw')
  .description('按记录的种子、符合条件的企业、指定企业、比例和最少数重新抽取；加 --check 时与记录的抽中企业比对（不一致时退出码为 1）/ re-run spot-check draws from their records; --check compares with the recorded samples')
  .option('--check', '与记录的抽查结果比对 / compare with the recorded sample')
  .option('--draw <id>', '只重新抽取这一次抽查 / only this draw')
  .option('--file <draw.json>', '从下载的抽查记录（GET /api/acceptance/draws/:id 的 JSON）重新抽取，不需要数据库 / from a downloaded draw, without the database')
  .action(async (opts: { check?: boolean; draw?: string; file?: string }) => {
    const check = opts.check === true;
    if (opts.file) {
      const code = redraw([fromPublishedFile(opts.file)], check, console.log);
      if (code !== 0) process.exit(code);
      return;
    }
    if (opts.draw !== undefined && !/^\d+$/.test(opts.draw)) throw new Error('--draw 应为抽查编号 / --draw must be a draw id');
    await withContext(async (ctx) => redraw(await drawsFromDatabase(ctx.db, opts.draw === undefined ? undefined : Number(opts.draw)), check, console.log));
  });

const evidence = program.command('evidence').description('证据文件和证据包 / evidence files and packages');
evidence
  .command('verify')
  .description('离线核验证据包：签名、每个文件的 SHA-256 与大小、缺少或多出的文件 / verify an evidence package offline')
  .argument('<package>', '证据包 .zip 文件 / the package (.zip)')
  .option('--public-key <file>', '发证机关的签名公钥（PEM）；不给时使用本服务器的密钥 / the issuer\'s public key (PEM); default: this server\'s key')
  .action(async (file: string, opts: { publicKey?: string }) => {
    const code = await runVerifyCli(file, { publicKey: opts.publicKey, dataDir: loadConfig().dataDir }, console.log);
    if (code !== 0) process.exit(code);
  });
evidence
  .command('check')
  .description('读回并校验每个证据文件：大小和 SHA-256 须与记录一致，报告缺失或被改动的文件 / read back every evidence file and check its size and SHA-256 against the records')
  .action(async () => {
    await withContext(async (ctx) => {
      const report = await checkEvidenceStore(ctx.db, ctx.storage, (checked, bytes) => {
        if (process.stderr.isTTY) process.stderr.write(`\r已检查 / checked ${checked} 个文件，${(bytes / 1024 ** 2).toFixed(0)} MB`);
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      for (const line of formatStoreReport(report)) console.log(line);
      return report.ok ? 0 : 1;
    });
  });
evidence
  .command('prune')
  .description(
    '列出（加 --remove 时删除）未被任何附件记录引用的存储对象，只涉及早于最早一个未完成上传（再早一小时）写入的对象 / list (with --remove: delete) stored objects no record names, written before the oldest open upload',
  )
  .option('--remove', '删除列出的对象（不加时只列出）/ delete them (default: only list)')
  .action(async (opts: { remove?: boolean }) => {
    await withContext(async (ctx) => {
      const report = await pruneUnreferenced(ctx.db, ctx.storage, { remove: opts.remove === true });
      for (const line of formatPruneReport(report, opts.remove === true)) console.log(line);
      return 0;
    });
  });
evidence
  .command('public-key')
  .description('输出证据包签名公钥（PEM，首次使用时生成密钥）/ print the evidence signing public key (PEM)')
  .action(() => {
    const key = loadSigningKey(loadConfig().dataDir);
    process.stdout.write(key.publicKeyPem);
    console.error(`公钥指纹（SHA-256）/ fingerprint: ${formatFingerprint(key.fingerprint)}`);
  });

program
  .command('openapi')
  .description('输出接口的 OpenAPI 文档（JSON，与 /api/docs/json 相同）/ print the API\'s OpenAPI document')
  .option('--out <file>', '写入文件而不是标准输出 / write to a file instead of stdout')
  .action(async (opts: { out?: string }) => {
    const text = `${JSON.stringify(await apiDocument(), null, 2)}\n`;
    if (opts.out) fs.writeFileSync(opts.out, text);
    else process.stdout.write(text);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof AppError) console.error(`错误 / error: ${err.detail ?? err.title}`);
  else console.error(`错误 / error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
