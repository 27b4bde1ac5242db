/** The environment as the core reads it: passed in, never read from `process.env` behind the caller's back. @public */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads a variable, treating blank as unset (the SDKs' rule). @internal */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}
