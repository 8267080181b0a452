// The evidence ids a record keeps as a JSON array of the workshop's attachment ids (incidents, cases).
export function evidenceIdsOf(json: string): number[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
  } catch {
    return [];
  }
}
