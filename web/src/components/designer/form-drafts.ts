// The forms edited in the designer's 表单 tab and not yet deployed: kept in the page (not the server)
// until the next 部署 of a model sends them with it in one deployment, then cleared.
import { reactive } from 'vue';
import type { FormDetail, FormList } from '../../../../api/schemas/index.js';
import { api } from '../../api.js';

export interface FormDraft {
  formId: string;
  /** The deployed version the edit started from. */
  baseVersion: number;
  schema: Record<string, unknown>;
}

export const formDrafts = reactive(new Map<string, FormDraft>());

/** The drafts as the deploy call's `forms`. */
export const draftsForDeploy = () =>
  [...formDrafts.values()].map((d) => ({ name: `${d.formId}.form`, schema: d.schema }));

export const loadForms = () => api<FormList>('GET', '/api/processes/forms');
export const loadForm = (formId: string) =>
  api<FormDetail>('GET', `/api/processes/forms/${encodeURIComponent(formId)}`);
