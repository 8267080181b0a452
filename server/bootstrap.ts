// Opening the data layer the same way for the server, the CLI and the tests: connect, migrate,
// load the default campaign on first start, and create the first administrator — under a lock
// (db/connect.ts, underStartupLock), so that two instances started together on an empty database
// both come up, and exactly one of them creates (and prints) the administrator's password.
import { ensureDefaultCampaign } from './commands/installCampaign.js';
import { generatePassword } from './auth/password.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { connect, underStartupLock } from './db/connect.js';
import { refreshEmbeddedPlannerStats } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import { closeReadWorker } from './db/readers.js';
import { createUser } from './commands/createUser.js';
import { anyUser } from './repositories/users.js';
import { openStorage } from './storage/index.js';

/**
 * The data layer for the server, the CLI or a test. `server`: a long-running server (`qudi start`),
 * whose SQLite checkpoints run on a worker thread (db/walCheckpointer.ts).
 */
export async function openContext(
  config: Config,
  opts: { poolSize?: number; server?: boolean; firstAdmin?: boolean } = {},
): Promise<
  AppContext & {
    describe: string;
    close(): Promise<void>;
    firstAdminPassword: string | null;
    /** Runs set-up that two instances must not run at once (the job queue's tables) under the first-start lock. */
    underStartupLock<T>(work: () => Promise<T>): Promise<T>;
  }
> {
  const storage = await openStorage(config);
  const opened = connect({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: opts.poolSize, backgroundCheckpoints: opts.server, preparedStatements: config.pgPreparedStatements });
  const { db, dialect, describe, checkpointer } = opened;
  let firstAdminPassword: string | null = null;
  try {
    await underStartupLock(opened, config.dataDir, async (locked) => {
      await migrateToLatest(locked, dialect);
      await ensureDefaultCampaign({ db: locked });
      if (opts.firstAdmin) firstAdminPassword = await ensureFirstAdmin({ db: locked, dialect, config, storage });
    });
    await refreshEmbeddedPlannerStats(db, dialect);
  } catch (err) {
    await checkpointer?.stop();
    await db.destroy();
    await storage.close();
    throw err;
  }
  return {
    db,
    dialect,
    config,
    storage,
    // Printed by `qudi start`: where the data and the evidence files are.
    describe: `${describe}；证据文件 ${storage.describe}`,
    // Set only for the instance that created the administrator: printed once, by it.
    firstAdminPassword,
    underStartupLock: (work) => underStartupLock(opened, config.dataDir, () => work()),
    close: async () => {
      await storage.close();
      await closeReadWorker(db);
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** With no user at all, creates `admin` with a random password and returns it (to print once). */
export async function ensureFirstAdmin(ctx: AppContext): Promise<string | null> {
  if (await anyUser(ctx.db)) return null;
  const password = generatePassword();
  await createUser(ctx, null, { username: 'admin', displayName: '系统管理员', password, role: 'admin' });
  return password;
}
