// The one door every UI string goes through. Components call t('some.key', vars) and never hold
// text themselves; a new language is one more catalogue file registered below.
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import antdZhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { esDefault } from '../esDefault.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { MessageKey };
export type LocaleCode = 'zh-CN';
export type Catalogue = Partial<Record<MessageKey, string>>;
export type Vars = Record<string, string | number | null | undefined>;

interface LocaleBundle {
  messages: Catalogue;
  antd: AntdLocale;
  dayjs: string;
}

const LOCALES: Record<LocaleCode, LocaleBundle> = {
  'zh-CN': { messages: zhCN, antd: esDefault<AntdLocale>(antdZhCNModule), dayjs: 'zh-cn' },
};

const FALLBACK: LocaleCode = 'zh-CN';
let current: LocaleCode = FALLBACK;
dayjs.locale(LOCALES[current].dayjs);

export function setLocale(locale: LocaleCode): void {
  current = locale;
  dayjs.locale(LOCALES[locale].dayjs);
  document.documentElement.lang = locale;
}

export const currentLocale = (): LocaleCode => current;
export const antdLocale = (): AntdLocale => LOCALES[current].antd;

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/** Adds strings to a language's catalogue (a part of the app that loads them with its pages). */
export function addMessages(locale: LocaleCode, messages: Catalogue): void {
  Object.assign(LOCALES[locale].messages, messages);
}

/** The text for a key in the current language (falling back to Chinese, then to the key itself). */
export function t(key: MessageKey, vars?: Vars): string {
  const text = LOCALES[current].messages[key] ?? LOCALES[FALLBACK].messages[key] ?? key;
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
