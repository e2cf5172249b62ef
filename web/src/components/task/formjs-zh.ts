// form-js speaks English; its few words (validation messages, list controls) in the console's
// language, through its `translate` service (a didi module that replaces the default one).
const ZH: Record<string, string> = {
  'Field is required.': '此项为必填项。',
  'Field must be a valid email.': '请输入有效的电子邮箱。',
  'Field must be a valid international phone number. (e.g. +4930664040900)':
    '请输入有效的电话号码（如 +8613800000000）。',
  'Field must have maximum length of {value}.': '最多 {value} 个字符。',
  'Field must have minimum length of {value}.': '至少 {value} 个字符。',
  'Field must have maximum value of {value}.': '不能大于 {value}。',
  'Field must have minimum value of {value}.': '不能小于 {value}。',
  'Field must match pattern {value}.': '格式不正确（应符合 {value}）。',
  'Value is not a number.': '请输入数字。',
  'Value is expected to be an integer.': '请输入整数。',
  'Value is expected to have at most 1 decimal digit.': '最多 1 位小数。',
  'Value is expected to have at most {value} decimal digits.': '最多 {value} 位小数。',
  'Date and time must both be entered.': '日期和时间都需填写。',
  Search: '搜索',
  'No results': '无匹配项',
  'All values selected': '已全部选择',
  'Remove tag': '移除',
  'Skip to search': '跳到搜索',
  Increment: '增加',
  Decrement: '减少',
  'Nothing to show.': '暂无内容。',
  'No content to show.': '暂无内容。',
  'Previous page': '上一页',
  'Next page': '下一页',
  '{page} of {total}': '第 {page} 页，共 {total} 页',
  'Add new': '添加',
  Collapse: '收起',
  'Expand all ({value})': '展开全部（{value}）',
  'No files selected': '未选择文件',
  '{value} files selected': '已选择 {value} 个文件',
};

function fill(template: string, replacements: Record<string, unknown> = {}): string {
  return template.replace(/{([^}]+)}/g, (_, key: string) => {
    const v = replacements[key];
    return v === undefined || v === null || v === '' ? `{${key}}` : String(v);
  });
}

/** A translate module for `additionalModules`: Chinese unless the console is in English. */
export function translateModule(locale: string) {
  const translate = (template: string, replacements?: Record<string, unknown>) =>
    fill(locale === 'en' ? template : (ZH[template] ?? template), replacements);
  return { translate: ['value', translate] };
}
