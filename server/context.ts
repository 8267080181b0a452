import type { Config } from './config.js';
import type { DialectName } from './db/dialect.js';
import type { Db } from './db/schema.js';
import type { BlobStorage } from './storage/types.js';

/** What every route and command needs: the database, the evidence file storage and the configuration. */
export interface AppContext {
  db: Db;
  dialect: DialectName;
  config: Config;
  /** Evidence files: write-once, content-addressed (server/storage). */
  storage: BlobStorage;
}
