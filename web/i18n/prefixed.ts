// Enum labels filed under a prefix (`status.` + value), shared by the catalogues.
export type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}.${K}`]: string };

export function prefixed<P extends string, T extends Record<string, string>>(prefix: P, labels: T): Prefixed<P, T> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [`${prefix}.${k}`, v])) as Prefixed<P, T>;
}
