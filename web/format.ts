import dayjs from 'dayjs';
import { t } from './i18n/index.js';

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : t('common.empty'));
export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : t('common.empty'));
export const orEmpty = (s: string | null | undefined): string => (s && s.trim() ? s : t('common.empty'));
export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** "town / village" (or the town alone); only the village when the town goes without saying. */
export function placeName(e: { townName: string; villageName: string | null }, withTown = true): string {
  if (!withTown) return e.villageName ?? '';
  return e.villageName ? t('common.place', { town: e.townName, village: e.villageName }) : e.townName;
}

/** Pieces of secondary text in one line ("a · b · c"); an empty piece drops out with its separator. */
export function metaLine(...parts: (string | null | undefined)[]): string {
  const present = parts.filter((p): p is string => Boolean(p));
  return present.length === 0 ? '' : present.reduce((first, second) => t('common.meta', { first, second }));
}
