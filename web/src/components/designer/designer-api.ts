// The designer page's calls: the catalogue, a model's XML (text, not JSON), deploy, rollback, and the
// facts the browser lint needs. Downloads go through a blob: the session token is a header, so a
// plain link would not be signed in.
import type {
  DeployReply,
  LintConfigReply,
  ProcessList,
  RollbackBody,
  RollbackReply,
} from '../../../../api/schemas/index.js';
import { api, ApiCallError } from '../../api.js';
import { session } from '../../session.js';

export type Catalogue = ProcessList;

/** One finding of the policy lint, as the server's deploy answer and the browser lint give it. */
export interface Finding {
  rule: string;
  id: string;
  message: string;
  category: 'error' | 'warn';
}

export interface Problem extends Finding {
  /** The element's name, when it has one. */
  name?: string;
  /** Reported by the server's lint when it refused to deploy. */
  server?: boolean;
}

/** Where 部署 sends the model: a region of the designer's jurisdiction, under a process id of its own. */
export interface VariantTarget {
  regionCode: string;
  regionName: string;
  processId: string;
  name: string;
}

export const loadCatalogue = () => api<Catalogue>('GET', '/api/processes');
export const loadLintFacts = () => api<LintConfigReply>('GET', '/api/processes/lint-config');
export const rollback = (body: RollbackBody) => api<RollbackReply>('POST', '/api/processes/rollback', body);

function xmlUrl(processId: string, version?: number, download = false): string {
  const q = new URLSearchParams();
  if (version) q.set('version', String(version));
  if (download) q.set('download', 'true');
  const qs = q.toString();
  return `/api/processes/${encodeURIComponent(processId)}/xml${qs ? `?${qs}` : ''}`;
}

async function fetchXml(url: string): Promise<Response> {
  const res = await fetch(url, {
    headers: { accept: 'application/xml', ...(session.token ? { authorization: `Bearer ${session.token}` } : {}) },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiCallError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText);
  }
  return res;
}

/** The XML of a deployed version (latest when none is given) and the version it is. */
export async function loadXml(processId: string, version?: number): Promise<{ xml: string; version: number }> {
  const res = await fetchXml(xmlUrl(processId, version));
  return { xml: await res.text(), version: Number(res.headers.get('x-process-version')) || version || 0 };
}

/** Saves a file in the browser under the given name. */
export function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface DeployRefusal {
  message: string;
  findings: Finding[];
}

/** Deploys and maps the region; a refusal by the lint comes back with its findings, not thrown. */
export async function deploy(
  name: string,
  xml: string,
  regionCode: string,
  forms: { name: string; schema: unknown }[] = [],
): Promise<{ ok: DeployReply } | { refused: DeployRefusal }> {
  try {
    const body = { name, xml, regionCode, ...(forms.length ? { forms } : {}) };
    return { ok: await api<DeployReply>('POST', '/api/processes', body) };
  } catch (err) {
    if (err instanceof ApiCallError && err.status === 400 && err.details.length) {
      const findings = (err.details as unknown as Finding[]).filter((f) => typeof f.rule === 'string');
      return { refused: { message: err.message, findings } };
    }
    throw err;
  }
}
