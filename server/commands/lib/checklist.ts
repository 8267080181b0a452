// A checklist of a site visit (the acceptance group's check, a town's patrol) names every standard item
// of the campaign: an unknown item or one left out is refused (400), in the caller's words for what is
// missing. `once`: an item named twice is refused too.
import { invalid } from '../../errors.js';

export function requireEveryStandardItem(standard: readonly string[], given: readonly string[], opts: { once?: boolean } = {}): void {
  const unknown = given.filter((c) => !standard.includes(c));
  const missing = standard.filter((c) => !given.includes(c));
  const repeated = opts.once === true && new Set(given).size !== given.length;
  if (unknown.length === 0 && missing.length === 0 && !repeated) return;
  const message = unknown.length > 0 ? `没有这些取缔标准项：${unknown.join('、')}` : missing.length > 0 ? `还有取缔标准项没有检查：${missing.join('、')}` : '取缔标准项重复';
  throw invalid(message, [{ path: 'items', message }]);
}
