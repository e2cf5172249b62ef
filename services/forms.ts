// Server-side validation of a user-task submission against its Camunda Form (the same `.form` the
// console renders with form-js): unknown fields dropped, hidden fields ignored, required fields,
// allowed values, lengths and ranges checked. Every problem is named by field, so a bad submission
// gets one 400 listing them all and the task is not completed. Rules of law beyond what a form can
// state are in task-rules.ts.
import { evaluate } from '@bpmn-io/feelin';

export interface FormComponent {
  type: string;
  key?: string;
  label?: string;
  values?: { value: unknown; label?: string }[];
  validate?: {
    required?: boolean;
    minLength?: number;
    maxLength?: number;
    min?: number;
    max?: number;
    pattern?: string;
  };
  conditional?: { hide?: string };
  components?: FormComponent[];
}
export interface FormSchema {
  id: string;
  components: FormComponent[];
}
export interface FieldError {
  field: string;
  message: string;
}

const INPUTS = new Set([
  'textfield',
  'textarea',
  'number',
  'checkbox',
  'checklist',
  'radio',
  'select',
  'datetime',
  'taglist',
]);

function fields(components: FormComponent[]): FormComponent[] {
  return components.flatMap((c) => (c.components ? fields(c.components) : INPUTS.has(c.type) && c.key ? [c] : []));
}

function hidden(c: FormComponent, data: Record<string, unknown>): boolean {
  const expr = c.conditional?.hide;
  if (!expr) return false;
  try {
    return evaluate(expr.replace(/^=/, ''), data).value === true;
  } catch {
    return false;
  }
}

// Text of only whitespace is no answer: a required reason of '   ' is missing, not given.
const empty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export function validateSubmission(
  form: FormSchema,
  input: unknown,
): { data: Record<string, unknown>; errors: FieldError[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { data: {}, errors: [{ field: '', message: 'the submission must be a JSON object' }] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const data: Record<string, unknown> = {};
  const err = (c: FormComponent, message: string) =>
    errors.push({ field: c.key!, message: `${c.label ?? c.key}: ${message}` });
  for (const c of fields(form.components)) {
    if (hidden(c, raw)) continue;
    const v = raw[c.key!];
    const rules = c.validate ?? {};
    if (empty(v)) {
      if (rules.required) err(c, 'is required');
      continue;
    }
    const allowed = c.values?.map((x) => x.value);
    switch (c.type) {
      case 'textfield':
      case 'textarea':
      case 'datetime':
        if (typeof v !== 'string') {
          err(c, 'must be text');
          continue;
        }
        if (rules.maxLength !== undefined && v.length > rules.maxLength)
          err(c, `must be at most ${rules.maxLength} characters`);
        if (rules.minLength !== undefined && v.length < rules.minLength)
          err(c, `must be at least ${rules.minLength} characters`);
        if (rules.pattern && !new RegExp(rules.pattern).test(v)) err(c, 'is not in the expected format');
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          err(c, 'must be a number');
          continue;
        }
        if (rules.min !== undefined && v < rules.min) err(c, `must be at least ${rules.min}`);
        if (rules.max !== undefined && v > rules.max) err(c, `must be at most ${rules.max}`);
        break;
      case 'checkbox':
        if (typeof v !== 'boolean') {
          err(c, 'must be true or false');
          continue;
        }
        break;
      case 'radio':
      case 'select':
        if (allowed && !allowed.includes(v)) {
          err(c, `must be one of ${allowed.map(String).join(', ')}`);
          continue;
        }
        break;
      case 'checklist':
      case 'taglist':
        if (!Array.isArray(v)) {
          err(c, 'must be a list');
          continue;
        }
        if (allowed)
          for (const x of v)
            if (!allowed.includes(x)) err(c, `'${String(x)}' is not one of ${allowed.map(String).join(', ')}`);
        break;
    }
    data[c.key!] = v;
  }
  return { data, errors };
}

export const FORM_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** A form's JSON is small (the shipped ones are a few KB); a bigger one is a mistake, not a form. */
export const FORM_MAX_BYTES = 256 * 1024;

/**
 * The problems of forms sent with a model, each naming its field (`forms[i].schema.id`…): a form must
 * be a JSON object with a plain id matching its file name and a components array, within the size limit.
 */
export function formProblems(forms: { name: string; schema: unknown }[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  forms.forEach((f, i) => {
    const at = `forms[${i}]`;
    const s = f.schema as Record<string, unknown> | null;
    if (!s || typeof s !== 'object' || Array.isArray(s)) {
      out.push({ field: `${at}.schema`, message: `${at}.schema must be a JSON object (a Camunda form)` });
      return;
    }
    if (typeof s.id !== 'string' || !FORM_ID.test(s.id))
      out.push({ field: `${at}.schema.id`, message: `${at}.schema.id must match ${FORM_ID.source}` });
    else if (f.name !== `${s.id}.form`)
      out.push({ field: `${at}.name`, message: `${at}.name must be '${s.id}.form' (the form's id)` });
    else if (seen.has(s.id)) out.push({ field: `${at}.schema.id`, message: `form '${s.id}' is included twice` });
    else seen.add(s.id);
    if (!Array.isArray(s.components))
      out.push({ field: `${at}.schema.components`, message: `${at}.schema.components must be an array` });
    if (Buffer.byteLength(JSON.stringify(s)) > FORM_MAX_BYTES)
      out.push({ field: `${at}.schema`, message: `${at}.schema is larger than ${FORM_MAX_BYTES / 1024} KB` });
  });
  return out;
}

/** The form ids the user tasks of a BPMN document link (zeebe:formDefinition formId="…"). */
export function formIdsOf(xml: string): string[] {
  return [...new Set([...xml.matchAll(/<(?:[\w-]+:)?formDefinition\b[^>]*?\bformId="([^"]+)"/g)].map((m) => m[1]))];
}
