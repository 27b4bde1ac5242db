/** `Name.member.1`, `Name.member.2`, ... of a Query request, in order. @internal */
export function memberList(params: ReadonlyMap<string, string>, name: string): string[] {
  const out: string[] = [];
  for (let n = 1; ; n++) {
    const value = params.get(`${name}.member.${n}`);
    if (value === undefined) return out;
    out.push(value);
  }
}

/** A simulator context entry as IAM's Query protocol carries it. @internal */
export interface ContextEntry {
  readonly key: string;
  readonly type: string;
  readonly values: readonly string[];
}

/** `ContextEntries.member.N.{ContextKeyName, ContextKeyType, ContextKeyValues.member.M}`. @internal */
export function contextEntries(params: ReadonlyMap<string, string>): ContextEntry[] {
  const out: ContextEntry[] = [];
  for (let n = 1; ; n++) {
    const key = params.get(`ContextEntries.member.${n}.ContextKeyName`);
    if (key === undefined) return out;
    out.push({ key, type: params.get(`ContextEntries.member.${n}.ContextKeyType`) ?? 'string', values: memberList(params, `ContextEntries.member.${n}.ContextKeyValues`) });
  }
}
