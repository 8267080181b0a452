// A fresh app per test file (on the database QUDI_TEST_DB names), with the factories bound to it:
// the one object a route suite works with.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { EnterpriseCreateInput } from '../../../domain/enterprise.js';
import type { Role } from '../../../domain/roles.js';
import { buildApp } from '../../app.js';
import type { AppContext } from '../../context.js';
import { currentCampaign, type CampaignRecord } from '../../repositories/campaigns.js';
import { listChildUnits } from '../../repositories/orgUnits.js';
import { addEvidence, upload, type EvidenceUpload } from '../factories/evidence.js';
import { login } from '../factories/users.js';
import { createWorkshop, shutDown, village } from '../factories/workshops.js';
import { agentFor, type Agent, type TestEnv } from './agent.js';
import { freshContext, type TestAppOptions } from './database.js';

export { dbUnavailable, TEST_DB } from './database.js';
export type { Agent } from './agent.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  campaign: CampaignRecord;
  /** Town names of the loaded campaign, in definition order. */
  towns: { id: number; name: string; path: string }[];
  close(): Promise<void>;
  /** Creates a user with `role` over `scope` (a town name, `town/village`, or a department code) and logs in. */
  login(role: Role, scope?: string, opts?: { director?: boolean }): Promise<Agent>;
  anonymous: Agent;
  /** Ensures a village exists under the town and returns its id. */
  village(townName: string, villageName: string): Promise<number>;
  /** Registers a workshop through the API as an office user; returns the created record. */
  createWorkshop(overrides?: Partial<EnterpriseCreateInput> & { townName?: string }): Promise<EnterpriseDto>;
  /** Records every standard item as done (with the evidence each needs), leaving the workshop shut down. */
  shutDown(id: number): Promise<EnterpriseDto>;
  /** One tus upload in a single request as `agent` (default: an office user); answers the raw response. */
  upload(file: EvidenceUpload, agent?: Agent): Promise<LightMyRequestResponse>;
  /** Uploads evidence that must be accepted (201); answers the attachment id. */
  addEvidence(enterpriseId: number, itemCode?: string, opts?: { agent?: Agent; n?: number }): Promise<number>;
}

export async function setupTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const { ctx, drop } = await freshContext(opts);
  const app = await buildApp(ctx, { serveWeb: false, logger: process.env.QUDI_TEST_LOG === '1' });
  const campaign = await currentCampaign(ctx.db);
  const towns = (await listChildUnits(ctx.db, campaign.rootId, 'town')).map((t) => ({ id: t.id, name: t.name, path: t.path }));
  const env: TestEnv = { app, ctx, campaign, towns };
  // One office user, signed in when a factory first needs it.
  let office: Promise<Agent> | undefined;
  const asOffice = () => (office ??= login(env, 'office'));
  return {
    ...env,
    login: (role, scope, o) => login(env, role, scope, o),
    anonymous: agentFor(app, '', 0),
    village: (townName, villageName) => village(env, townName, villageName),
    createWorkshop: async (overrides) => createWorkshop(env, await asOffice(), overrides),
    shutDown: async (id) => shutDown(env, await asOffice(), id),
    upload: async (file, agent) => upload(env, agent ?? (await asOffice()), file),
    addEvidence: async (enterpriseId, itemCode, o = {}) => addEvidence(env, o.agent ?? (await asOffice()), enterpriseId, itemCode, o.n ?? 0),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
