// The text messages citizens receive, by outbox template. They name the matter only by its tracking code:
// an SMS can be read by anyone holding the phone, so no message says what the matter is about (a
// domestic-violence applicant's phone may be in the respondent's hands) — details are on the tracking
// page behind the last four digits of the applicant's phone. Providers register each template with its
// parameters (Alibaba Cloud / Tencent Cloud SMS); `params` lists them in the order providers number them.

export interface SmsTemplate {
  /** The text with {param} placeholders, as registered with the provider (without the signature). */
  text: string;
  params: readonly string[];
}

export const SMS_SIGNATURE = '综治中心';

export const SMS_TEMPLATES: Readonly<Record<string, SmsTemplate>> = {
  'matter-received': {
    text: '您反映的事项已受理，受理编号{code}。可凭受理编号和手机号后四位在查询页查看办理进度。',
    params: ['code'],
  },
  'information-requested': {
    text: '办理您的事项（受理编号{code}）需要补充材料，请在查询页查看并答复。',
    params: ['code'],
  },
  referred: {
    text: '您的事项（受理编号{code}）适宜通过仲裁或行政复议解决，工作人员将与您联系说明办理途径。',
    params: ['code'],
  },
  'litigation-guidance': {
    text: '您的事项（受理编号{code}）调解未成，可依法向人民法院起诉，工作人员将为您提供诉讼引导。',
    params: ['code'],
  },
  'matter-closed': {
    text: '您的事项（受理编号{code}）已办结，我们将进行回访，欢迎在查询页评价。不愿再收短信可在查询页退订。',
    params: ['code'],
  },
};

/** The message as the phone shows it: 【signature】 and the template with its parameters filled in. */
export function renderSms(template: string, params: Record<string, unknown>): string {
  const t = SMS_TEMPLATES[template];
  if (!t) throw new Error(`no SMS text for template '${template}'`);
  const body = t.text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === null || v === '') throw new Error(`SMS template '${template}' needs '${name}'`);
    return String(v);
  });
  return `【${SMS_SIGNATURE}】${body}`;
}
