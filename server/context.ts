import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { DialectName } from './db/dialect.js';
import type { Database } from './db/schema.js';

/** What every route and command needs: the database and the configuration. */
export interface AppContext {
  db: Kysely<Database>;
  dialect: DialectName;
  config: Config;
}
