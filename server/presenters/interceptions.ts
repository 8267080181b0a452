// Truck interceptions as the web shows them, and the weekly counts by destination town.
import { weekOf, type CargoKind, type InterceptionDto, type WeeklyInterceptionsDto } from '../../domain/interceptions.js';
import { addDays } from '../../domain/time.js';
import type { InterceptionView } from '../repositories/interceptions.js';

export function presentInterception(r: InterceptionView, fileCount = 0): InterceptionDto {
  return {
    id: r.id,
    interceptedOn: r.intercepted_on,
    plate: r.plate,
    vehicleType: r.vehicle_type,
    cargo: r.cargo as CargoKind,
    cargoNote: r.cargo_note,
    quantity: r.quantity,
    origin: r.origin,
    destinationTown: r.destination_town_id !== null ? { id: r.destination_town_id, name: r.town_name ?? '' } : null,
    destinationEnterprise: r.destination_enterprise_id !== null ? { id: r.destination_enterprise_id, name: r.enterprise_name ?? '' } : null,
    destinationPlace: r.destination_place,
    action: r.action,
    recordedBy: r.recorded_by_name ?? '',
    recordedUnit: r.recorded_unit,
    recordedAt: r.recorded_at,
    fileCount,
  };
}

/** The last `weeks` weeks (Mondays, oldest first) up to the one holding `today`, and each town's count per week, most first. */
export function presentWeekly(counts: { townId: number | null; townName: string | null; day: string; n: number }[], today: string, weeks: number, unknown: string): WeeklyInterceptionsDto {
  const last = weekOf(today);
  const mondays = Array.from({ length: weeks }, (_, k) => addDays(last, -7 * (weeks - 1 - k)));
  const byTown = new Map<string, { townId: number | null; townName: string; counts: number[] }>();
  for (const c of counts) {
    const w = mondays.indexOf(weekOf(c.day));
    if (w < 0) continue;
    const key = String(c.townId);
    const row = byTown.get(key) ?? { townId: c.townId, townName: c.townId === null ? unknown : (c.townName ?? ''), counts: mondays.map(() => 0) };
    row.counts[w] += c.n;
    byTown.set(key, row);
  }
  const rows = [...byTown.values()].map((r) => ({ ...r, total: r.counts.reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total || a.townName.localeCompare(b.townName));
  return { weeks: mondays, rows };
}
