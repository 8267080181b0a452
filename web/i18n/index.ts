// The one door every UI string goes through. Components call t('some.key', vars) and never hold
// text themselves. Chinese is the default and always loaded; English (web/i18n/en/) is a chunk of its
// own, fetched when chosen in the header and restored from this browser before the app renders.
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import antdZhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { esDefault } from '../esDefault.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { MessageKey };
export type LocaleCode = 'zh-CN' | 'en';
export const LOCALE_CODES: readonly LocaleCode[] = ['zh-CN', 'en'];
export type Catalogue = Partial<Record<MessageKey, string>>;
export type Vars = Record<string, string | number | null | undefined>;

interface LocaleBundle {
  messages: Catalogue;
  /** antd's texts; undefined: antd's own default, which is English (no chunk to fetch). */
  antd: AntdLocale | undefined;
  dayjs: string;
}

const LOCALES: Partial<Record<LocaleCode, LocaleBundle>> & { 'zh-CN': LocaleBundle } = {
  'zh-CN': { messages: zhCN, antd: esDefault<AntdLocale>(antdZhCNModule), dayjs: 'zh-cn' },
};

/** Where this browser keeps the chosen language. */
const STORE_KEY = 'qudi.locale';

/** A language's texts, fetched once (English: its catalogue, a chunk of its own; antd and dayjs speak English already). */
async function loadBundle(locale: LocaleCode): Promise<LocaleBundle> {
  const loaded = LOCALES[locale];
  if (loaded) return loaded;
  const { enMessages } = await import('./en/index.js');
  return (LOCALES.en = { messages: enMessages as Catalogue, antd: undefined, dayjs: 'en' });
}

function storedLocale(): LocaleCode | null {
  try {
    const v = localStorage.getItem(STORE_KEY);
    return LOCALE_CODES.find((c) => c === v) ?? null;
  } catch {
    return null; // storage refused (private mode): Chinese
  }
}

/** The language this browser chose before, loaded; Chinese when none, or when English cannot be fetched. */
export async function restoreLocale(): Promise<void> {
  const saved = storedLocale();
  if (!saved || saved === FALLBACK_LOCALE) return;
  try {
    await loadBundle(saved);
    setLocale(saved);
  } catch {
    // A weak link that cannot fetch the chunk: the app in Chinese rather than no app.
  }
}

/** Fetches a language and keeps it as this browser's choice; the caller reloads the page to show it. */
export async function chooseLocale(locale: LocaleCode): Promise<void> {
  await loadBundle(locale);
  try {
    localStorage.setItem(STORE_KEY, locale);
  } catch {
    setLocale(locale);
  }
}

const FALLBACK_LOCALE: LocaleCode = 'zh-CN';
const FALLBACK = FALLBACK_LOCALE;
let current: LocaleCode = FALLBACK;
dayjs.locale(LOCALES[current].dayjs);

/** Shows `locale` from now on; it must have been loaded (restoreLocale, chooseLocale). */
export function setLocale(locale: LocaleCode): void {
  const bundle = LOCALES[locale];
  if (!bundle) return;
  current = locale;
  dayjs.locale(bundle.dayjs);
  document.documentElement.lang = locale;
}

export const currentLocale = (): LocaleCode => current;
export const antdLocale = (): AntdLocale | undefined => (LOCALES[current] ?? LOCALES[FALLBACK]).antd;

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/** Adds strings to a language's catalogue (a part of the app that loads them with its pages). */
export function addMessages(locale: LocaleCode, messages: Catalogue): void {
  const bundle = LOCALES[locale];
  if (bundle) Object.assign(bundle.messages, messages);
}

/** The text for a key in the current language (falling back to Chinese, then to the key itself). */
export function t(key: MessageKey, vars?: Vars): string {
  const text = LOCALES[current]?.messages[key] ?? LOCALES[FALLBACK].messages[key] ?? key;
  return interpolate(text, vars);
}

/** Whether a key computed at run time (e.g. an audit action from the server) has a text. */
export function hasMessage(key: string): key is MessageKey {
  return key in LOCALES[FALLBACK].messages;
}

/** Like t, for keys built at run time; answers `fallback` when the catalogue has no such key. */
export function tOr(key: string, fallback: string, vars?: Vars): string {
  return hasMessage(key) ? t(key, vars) : fallback;
}
