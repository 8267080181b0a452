// Versioned migrations, run at start on both databases. Each migration is a module with up(db, dialect).
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from './dialect.js';
import * as m001 from './migrations/001_initial.js';
import * as m002 from './migrations/002_responsible_persons.js';
import * as m003 from './migrations/003_imports.js';
import * as m004 from './migrations/004_town_reports.js';
import * as m005 from './migrations/005_name_key.js';
import * as m006 from './migrations/006_self_inspection.js';
import * as m007 from './migrations/007_mobilisation.js';
import * as m008 from './migrations/008_export_order.js';
import * as m009 from './migrations/009_audit_chain.js';
import * as m010 from './migrations/010_attachments.js';
import * as m011 from './migrations/011_import_duplicates.js';
import * as m012 from './migrations/012_enterprise_provenance.js';
import * as m013 from './migrations/013_items_clustered.js';
import * as m014 from './migrations/014_reopened_at.js';
import * as m015 from './migrations/015_dashboard_counts.js';
import * as m016 from './migrations/016_import_register_mark.js';
import * as m017 from './migrations/017_uploads.js';
import * as m018 from './migrations/018_workshop_remarks.js';
import * as m019 from './migrations/019_list_order.js';
import * as m020 from './migrations/020_search_grams.js';
import * as m021 from './migrations/021_department_requests.js';
import * as m022 from './migrations/022_joint_operations.js';
import * as m023 from './migrations/023_incidents.js';
import * as m024 from './migrations/024_interceptions.js';
import * as m025 from './migrations/025_cases.js';
import * as m026 from './migrations/026_acceptance_draws.js';
import * as m027 from './migrations/027_acceptance_checks.js';
import * as m028 from './migrations/028_town_acceptances.js';
import * as m029 from './migrations/029_criticism_notices.js';
import * as m030 from './migrations/030_acceptance_packages.js';
import * as m031 from './migrations/031_supervisors.js';
import * as m032 from './migrations/032_patrols.js';
import * as m033 from './migrations/033_tips.js';
import * as m034 from './migrations/034_power_check.js';
import * as m035 from './migrations/035_same_site.js';
import * as m036 from './migrations/036_notifications.js';
import * as m037 from './migrations/037_webhooks.js';
import * as m038 from './migrations/038_map_counts.js';
import * as m039 from './migrations/039_accountability.js';
import * as m040 from './migrations/040_power_account_half_width.js';
import type { Database } from './schema.js';

const MIGRATIONS = {
  '001_initial': m001,
  '002_responsible_persons': m002,
  '003_imports': m003,
  '004_town_reports': m004,
  '005_name_key': m005,
  '006_self_inspection': m006,
  '007_mobilisation': m007,
  '008_export_order': m008,
  '009_audit_chain': m009,
  '010_attachments': m010,
  '011_import_duplicates': m011,
  '012_enterprise_provenance': m012,
  '013_items_clustered': m013,
  '014_reopened_at': m014,
  '015_dashboard_counts': m015,
  '016_import_register_mark': m016,
  '017_uploads': m017,
  '018_workshop_remarks': m018,
  '019_list_order': m019,
  '020_search_grams': m020,
  '021_department_requests': m021,
  '022_joint_operations': m022,
  '023_incidents': m023,
  '024_interceptions': m024,
  '025_cases': m025,
  '026_acceptance_draws': m026,
  '027_acceptance_checks': m027,
  '028_town_acceptances': m028,
  '029_criticism_notices': m029,
  '030_acceptance_packages': m030,
  '031_supervisors': m031,
  '032_patrols': m032,
  '033_tips': m033,
  '034_power_check': m034,
  '035_same_site': m035,
  '036_notifications': m036,
  '037_webhooks': m037,
  '038_map_counts': m038,
  '039_accountability': m039,
  '040_power_account_half_width': m040,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => mod.up(db, this.dialect) };
    return out;
  }
}

export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), migrationTableName: 'qudi_migrations', migrationLockTableName: 'qudi_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
