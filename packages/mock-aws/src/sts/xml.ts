/** The STS XML namespace (API version 2011-06-15). @internal */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Escapes text for an XML element body or attribute. @internal */
export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all become U+FFFD, so an echoed value never breaks the document.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** An element whose children are already XML; values are escaped by {@link leaf}. @internal */
export function element(name: string, children: readonly string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}

/** @internal */
export function leaf(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** ISO 8601 without milliseconds, as STS writes `Expiration`. @internal */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `Credentials` element of AssumeRole*, GetSessionToken. @internal */
export function credentialsXml(key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiresAtMs?: number }): string {
  return element('Credentials', [
    leaf('AccessKeyId', key.accessKeyId),
    leaf('SecretAccessKey', key.secretAccessKey),
    leaf('SessionToken', key.sessionToken ?? ''),
    leaf('Expiration', isoSeconds(key.expiresAtMs ?? 0)),
  ]);
}

/** The `AssumedRoleUser` element. @internal */
export function assumedRoleUserXml(identity: { userId: string; arn: string }): string {
  return element('AssumedRoleUser', [leaf('AssumedRoleId', identity.userId), leaf('Arn', identity.arn)]);
}
