import { DEFAULT_DUPLICATE_DISTANCE_M } from '../domain/duplicates.js';
import { REMIND_DAYS_BEFORE, REMIND_DAYS_BEFORE_MAX } from '../domain/notifications.js';
import { tileOrigins } from '../domain/map.js';
import path from 'node:path';
import { parseStorageUrl } from './storage/url.js';
import { evidenceLimitsFromEnv, evidenceMaxDistanceFromEnv, type EvidenceLimits } from './intake/limits.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Run the background jobs (reminders) in this process: JOBS=off for an instance that only answers requests. */
  jobs: boolean;
  /** `s3://bucket?endpoint=…` for S3-compatible evidence storage; undefined means `<dataDir>/files`. */
  storageUrl: string | undefined;
  sessionSecret: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxDays: number;
  cookieSecure: boolean;
  bodyLimit: number;
  sessionCacheSeconds: number;
  duplicateDistanceMetres: number;
  /** Task-table uploads from this size on are parsed and checked in a worker thread. */
  importWorkerMinBytes: number;
  /** Largest evidence file per kind (EVIDENCE_PHOTO_MAX_MB, EVIDENCE_VIDEO_MAX_MB). */
  evidenceLimits: EvidenceLimits;
  /** Evidence taken farther than this from the workshop is flagged (EVIDENCE_MAX_DISTANCE_M). */
  evidenceMaxDistanceMetres: number;
  logLevel: string;
  /**
   * QUDI_CONTRACT=strict (the test suites and e2e): an answer its route's declared contract does
   * not describe fails the request instead of being logged (server/plugins/contract.ts).
   */
  contractStrict: boolean;
  /** PostgreSQL: send parameterised statements as named prepared statements (PG_PREPARED_STATEMENTS=off for a pooler that cannot keep them). */
  pgPreparedStatements: boolean;
  /** 群众举报: the proof of work's zero bits (TIP_POW_BITS), raised by 4 under a flood. */
  tipPowBits: number;
  /** PUBLIC_URL: the address users open the platform at (https://…), for the links in group-robot messages; without it the messages name the pages without a link. */
  publicUrl?: string;
  /** 群众举报: tips per address per hour and per day, per device per hour; receipt lookups per address per hour. */
  tipLimits: { addressHour: number; addressDay: number; deviceHour: number; lookupsHour: number };
  /** 一张图: the tile server (MAP_TILE_URL and friends), or null for the plain grid the map draws without one. */
  mapTiles: MapTiles | null;
  /** Hosts a group robot's address may name (WEBHOOK_HOSTS): the server posts only there, never to an address a user made up. */
  webhookHosts: string[];
  /** The hour (China time) from which each day's 日报 is pushed to the district's and towns' group robots (DAILY_REPORT_HOUR). */
  dailyReportHour: number;
  /** How many days before a deadline its reminder goes out (REMIND_DAYS_BEFORE, 1–7; 1: the day before). */
  remindDaysBefore: number;
}

export interface MapTiles {
  /** A Leaflet URL template: {z}/{x}/{y}, {s} for a subdomain (天地图 with its tk=…, 高德, an OSM-style server). */
  url: string;
  /** The tiles' coordinates: 高德/腾讯 tiles are GCJ-02 (positions are shifted for display); 天地图 and OSM are WGS-84. */
  coords: 'wgs84' | 'gcj02';
  attribution: string;
  subdomains: string;
  maxZoom: number;
}

/** 企业微信's and 钉钉's robot hosts; a private deployment (私有化部署) adds its own through WEBHOOK_HOSTS. */
const DEFAULT_WEBHOOK_HOSTS = 'qyapi.weixin.qq.com,oapi.dingtalk.com';

/** MAP_TILE_URL and friends, checked here so that a typo stops the start with a clear message. */
function mapTilesEnv(env: NodeJS.ProcessEnv): MapTiles | null {
  const url = env.MAP_TILE_URL?.trim();
  if (!url) return null;
  if (!/^https?:\/\//.test(url) || !['{z}', '{x}', '{y}'].every((p) => url.includes(p))) {
    throw new Error('环境变量 MAP_TILE_URL 应为含 {z}、{x}、{y} 的 http(s) 瓦片地址模板 / MAP_TILE_URL must be an http(s) URL template with {z}, {x} and {y}');
  }
  try {
    tileOrigins({ url, subdomains: env.MAP_TILE_SUBDOMAINS?.trim() || 'abc' });
  } catch {
    throw new Error('环境变量 MAP_TILE_URL 不是有效的网址 / MAP_TILE_URL is not a valid URL');
  }
  const coords = env.MAP_TILE_COORDS?.trim() || (/autonavi|amap|gtimg|qq\.com/.test(url) ? 'gcj02' : 'wgs84');
  if (coords !== 'wgs84' && coords !== 'gcj02') throw new Error('环境变量 MAP_TILE_COORDS 应为 wgs84 或 gcj02 / MAP_TILE_COORDS must be wgs84 or gcj02');
  return { url, coords, attribution: env.MAP_TILE_ATTRIBUTION?.trim() ?? '', subdomains: env.MAP_TILE_SUBDOMAINS?.trim() || 'abc', maxZoom: Math.min(intEnv(env, 'MAP_TILE_MAX_ZOOM', 18), 20) };
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`环境变量 ${name} 应为正整数 / ${name} must be a positive integer`);
  return n;
}

function hourEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 23) throw new Error(`环境变量 ${name} 应为 0 到 23 的整数（北京时间的小时）/ ${name} must be an hour from 0 to 23`);
  return n;
}

/** STORAGE_URL, checked here so that a typo stops the start with a clear message. */
function storageUrlEnv(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.STORAGE_URL?.trim();
  if (!raw) return undefined;
  parseStorageUrl(raw);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intEnv(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    jobs: env.JOBS !== 'off',
    pgPreparedStatements: env.PG_PREPARED_STATEMENTS !== 'off',
    storageUrl: storageUrlEnv(env),
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionIdleMinutes: intEnv(env, 'SESSION_IDLE_MINUTES', 120),
    sessionMaxDays: intEnv(env, 'SESSION_MAX_DAYS', 7),
    cookieSecure: env.COOKIE_SECURE === 'true',
    bodyLimit: intEnv(env, 'BODY_LIMIT', 256 * 1024),
    sessionCacheSeconds: env.SESSION_CACHE_SECONDS === '0' ? 0 : intEnv(env, 'SESSION_CACHE_SECONDS', 5),
    duplicateDistanceMetres: intEnv(env, 'DUPLICATE_DISTANCE_M', DEFAULT_DUPLICATE_DISTANCE_M),
    importWorkerMinBytes: env.IMPORT_WORKER_MIN_BYTES === '0' ? 0 : intEnv(env, 'IMPORT_WORKER_MIN_BYTES', 256 * 1024),
    evidenceLimits: evidenceLimitsFromEnv(env),
    evidenceMaxDistanceMetres: evidenceMaxDistanceFromEnv(env),
    logLevel: env.LOG_LEVEL || 'info',
    tipPowBits: Math.min(intEnv(env, 'TIP_POW_BITS', 16), 28),
    tipLimits: {
      addressHour: intEnv(env, 'TIP_LIMIT_ADDRESS_HOUR', 5),
      addressDay: intEnv(env, 'TIP_LIMIT_ADDRESS_DAY', 20),
      deviceHour: intEnv(env, 'TIP_LIMIT_DEVICE_HOUR', 3),
      lookupsHour: intEnv(env, 'TIP_LIMIT_LOOKUPS_HOUR', 120),
    },
    contractStrict: env.QUDI_CONTRACT === 'strict',
    mapTiles: mapTilesEnv(env),
    dailyReportHour: hourEnv(env, 'DAILY_REPORT_HOUR', 8),
    remindDaysBefore: Math.min(intEnv(env, 'REMIND_DAYS_BEFORE', REMIND_DAYS_BEFORE), REMIND_DAYS_BEFORE_MAX),
    webhookHosts: (env.WEBHOOK_HOSTS?.trim() || DEFAULT_WEBHOOK_HOSTS).split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    publicUrl: env.PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined,
  };
}
