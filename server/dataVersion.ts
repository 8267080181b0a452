// A counter this process bumps on every recorded change (writeAudit is called by every command),
// so short-lived read caches can tell that their answer may be stale.
let version = 0;

export function bumpDataVersion(): void {
  version++;
}

export function dataVersion(): number {
  return version;
}
