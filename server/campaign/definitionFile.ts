// Campaign definition files (campaigns/*.yaml or .json): read and checked against the domain's schema.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { campaignDefinitionSchema, type CampaignDefinition } from '../../domain/campaign.js';
import { packageRoot } from '../paths.js';

export const DEFAULT_CAMPAIGN_FILE = () => path.join(packageRoot(), 'campaigns', 'default.yaml');

export function readCampaignFile(file: string): CampaignDefinition {
  const raw = fs.readFileSync(file, 'utf8');
  const data: unknown = file.endsWith('.json') ? JSON.parse(raw) : parseYaml(raw);
  const result = campaignDefinitionSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`行动定义文件有误 / invalid campaign definition (${file}):\n${lines.join('\n')}`);
  }
  return result.data;
}
