/**
 * The cross-SDK profile file grammar (`~/.aws/config`, `~/.aws/credentials`),
 * as pinned down by `packages/core/test/conformance/profile-parser-tests.json`.
 *
 * Unlike the JS SDK (which swallows parse failures into `{}`) and botocore
 * (which fails the whole file, whatever profile you asked for), the parser
 * never throws: it records every problem with its line and the profile it
 * belongs to, and the loader raises only the problems that touch the profile
 * actually selected (see loadSharedConfig.ts).
 */

/** Which file a text came from: the two differ in how section headers are named. @public */
export type ProfileFileKind = 'config' | 'credentials';

/** Where a setting was written: `file:line`. @public */
export interface SettingOrigin {
  readonly file: string;
  readonly line: number;
}

/** A problem found while parsing, attributed to the profile it sits in (if any). @public */
export interface ProfileFileIssue {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly message: string;
  /** The profile (or `sso-session NAME`) whose section the line belongs to; undefined outside any section. */
  readonly section: string | undefined;
}

/** Profiles and sso-sessions of one file, with the origin of every property. @public */
export interface ParsedProfileFile {
  readonly profiles: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly ssoSessions: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly origins: ReadonlyMap<string, ReadonlyMap<string, SettingOrigin>>;
  readonly issues: readonly ProfileFileIssue[];
}

const NAME = /^[A-Za-z0-9\-/.%@_:+]+$/;

type SectionKind = 'profile' | 'default-without-prefix' | 'sso-session' | 'ignored';

interface Section {
  readonly kind: SectionKind;
  readonly name: string;
  readonly props: Map<string, string>;
  readonly origins: Map<string, SettingOrigin>;
}

/** Cuts a trailing comment: `#` or `;` that starts the text or follows whitespace. */
function stripInlineComment(value: string): string {
  const match = /(^|[ \t])[#;]/.exec(value);
  return match === null ? value : value.slice(0, match.index);
}

function classifyHeader(inner: string, kind: ProfileFileKind): { kind: SectionKind; name: string } {
  const trimmed = inner.trim();
  if (kind === 'credentials') return { kind: NAME.test(trimmed) ? 'profile' : 'ignored', name: trimmed };
  if (trimmed === 'default') return { kind: 'default-without-prefix', name: 'default' };
  const prefixed = /^(profile|sso-session)[ \t]+(.*)$/.exec(trimmed);
  if (prefixed === null) return { kind: 'ignored', name: trimmed };
  const name = (prefixed[2] ?? '').trim();
  if (!NAME.test(name)) return { kind: 'ignored', name };
  return { kind: prefixed[1] === 'profile' ? 'profile' : 'sso-session', name };
}

/**
 * Parses one profile file. Never throws: problems land in `issues`.
 * @public
 */
export function parseProfileFile(text: string, kind: ProfileFileKind, file: string): ParsedProfileFile {
  const sections: Section[] = [];
  const issues: ProfileFileIssue[] = [];
  let current: Section | undefined;
  let property: { key: string; subProperties: boolean } | undefined;

  const issue = (line: number, message: string): void => {
    const section = current === undefined ? undefined : current.kind === 'sso-session' ? `sso-session ${current.name}` : current.name;
    issues.push({ file, line, message: `${message} (${file}:${line})`, section });
  };

  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const lineNo = index + 1;
    if (raw.trim() === '') continue;
    const startsWithSpace = raw[0] === ' ' || raw[0] === '\t';
    if (!startsWithSpace && (raw[0] === '#' || raw[0] === ';')) continue;

    if (raw[0] === '[') {
      property = undefined;
      const close = raw.indexOf(']');
      const header = classifyHeader(raw.slice(1, close === -1 ? undefined : close), kind);
      current = { kind: header.kind, name: header.name, props: new Map(), origins: new Map() };
      sections.push(current);
      if (close === -1) {
        issue(lineNo, "Profile definition must end with ']'");
        continue;
      }
      const rest = raw.slice(close + 1).trim();
      if (rest !== '' && rest[0] !== '#' && rest[0] !== ';') issue(lineNo, "Profile definition must end with ']' (unexpected text after it)");
      continue;
    }

    if (startsWithSpace) {
      const content = raw.trim();
      if (content[0] === '#' || content[0] === ';') {
        // A comment line indented like a continuation: only a continuation when a property is open.
        if (property === undefined) continue;
      }
      if (current === undefined) {
        issue(lineNo, 'Expected a profile definition before this continuation line');
        continue;
      }
      if (property === undefined) {
        issue(lineNo, 'Expected a property definition, found continuation');
        continue;
      }
      if (property.subProperties) {
        const eq = content.indexOf('=');
        if (eq === -1) {
          issue(lineNo, "Expected an '=' sign defining a sub-property");
          continue;
        }
        if (content.slice(0, eq).trim() === '') {
          issue(lineNo, 'Sub-property did not have a name');
          continue;
        }
      }
      current.props.set(property.key, `${current.props.get(property.key) ?? ''}\n${content}`);
      continue;
    }

    if (current === undefined) {
      issue(lineNo, 'Expected a profile definition before this property');
      continue;
    }
    const eq = raw.indexOf('=');
    if (eq === -1) {
      property = undefined;
      issue(lineNo, "Expected an '=' sign defining a property");
      continue;
    }
    const key = raw.slice(0, eq).trim().toLowerCase();
    if (key === '') {
      property = undefined;
      issue(lineNo, 'Property did not have a name');
      continue;
    }
    const value = stripInlineComment(raw.slice(eq + 1)).trim();
    if (!NAME.test(key)) {
      property = undefined;
      continue;
    }
    current.props.set(key, value);
    current.origins.set(key, { file, line: lineNo });
    property = { key, subProperties: value === '' };
  }

  return merge(sections, issues);
}

function merge(sections: readonly Section[], issues: readonly ProfileFileIssue[]): ParsedProfileFile {
  const profiles = new Map<string, Map<string, string>>();
  const ssoSessions = new Map<string, Map<string, string>>();
  const origins = new Map<string, Map<string, SettingOrigin>>();
  // `[profile default]` beats `[default]` in the config file, wherever each appears.
  const hasPrefixedDefault = sections.some((s) => s.kind === 'profile' && s.name === 'default');
  for (const section of sections) {
    if (section.kind === 'ignored') continue;
    if (section.kind === 'default-without-prefix' && hasPrefixedDefault) continue;
    const target = section.kind === 'sso-session' ? ssoSessions : profiles;
    const props = target.get(section.name) ?? new Map<string, string>();
    target.set(section.name, props);
    for (const [k, v] of section.props) props.set(k, v);
    if (section.kind !== 'sso-session') {
      const o = origins.get(section.name) ?? new Map<string, SettingOrigin>();
      origins.set(section.name, o);
      for (const [k, v] of section.origins) o.set(k, v);
    }
  }
  return { profiles, ssoSessions, origins, issues };
}
