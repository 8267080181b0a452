import dayjs from 'dayjs';
import { t } from './i18n/index.js';

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : t('common.empty'));
export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : t('common.empty'));
export const orEmpty = (s: string | null | undefined): string => (s && s.trim() ? s : t('common.empty'));
export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
