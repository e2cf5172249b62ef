// The API's field errors (FORM_INVALID / RULE_VIOLATED `details`) for people, in the console's
// language. Rule messages come Chinese first already; the form checks' (services/forms.ts) read
// "<label>: is required" and the like in English, so those are said again here in Chinese.
export interface FieldError {
  field: string;
  message: string;
}

const PATTERNS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/is required$/, () => '此项为必填项'],
  [/must be at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/must be at least (\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/must be at most (\S+)$/, (m) => `不能大于 ${m[1]}`],
  [/must be at least (\S+)$/, (m) => `不能小于 ${m[1]}`],
  [/is not in the expected format$/, () => '格式不正确'],
  [/must be one of (.+)$/, () => '请从给出的选项中选择'],
  [/is not one of (.+)$/, () => '含有不在选项中的值'],
  [/must be a number$/, () => '请输入数字'],
  [/must be text$/, () => '请输入文字'],
  [/must be true or false$/, () => '请勾选或取消勾选'],
  [/must be a list$/, () => '请选择一项或多项'],
];

/** The message without the field's label the server put in front ("调解结果 Outcome: …"). */
export function fieldMessage(e: FieldError, locale: string): string {
  const bare = e.message.replace(/^[^:：]*[:：]\s*/, '');
  // Already Chinese (a rule of law, with its reason): as the server says it.
  if (/[\u4e00-\u9fff]/.test(e.message) && !/^[^:：]*[:：]\s*[A-Za-z]/.test(e.message)) return e.message;
  if (locale === 'en') return bare;
  for (const [re, say] of PATTERNS) {
    const m = bare.match(re);
    if (m) return say(m);
  }
  return e.message;
}
