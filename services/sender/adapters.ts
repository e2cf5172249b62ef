// The SMS adapter a deployment configures (SMS_PROVIDER): the demo records, Alibaba Cloud sends.
import type { Config } from '../../platform/config.js';
import { smsTemplates } from '../../platform/config.js';
import { SMS_TEMPLATES } from '../../domain/index.js';
import { aliyunSms } from './aliyun.js';
import { demoSms, type SmsAdapter } from './sms.js';

export function smsAdapter(cfg: Config): { adapter: SmsAdapter; note: string } {
  if (cfg.SMS_PROVIDER !== 'aliyun') return { adapter: demoSms, note: 'SMS recorded on each matter, not sent (demo)' };
  const templates = smsTemplates(cfg);
  const unmapped = Object.keys(SMS_TEMPLATES).filter((t) => !templates[t]);
  return {
    adapter: aliyunSms({
      accessKeyId: cfg.ALIYUN_SMS_ACCESS_KEY_ID!,
      accessKeySecret: cfg.ALIYUN_SMS_ACCESS_KEY_SECRET!,
      signName: cfg.ALIYUN_SMS_SIGN_NAME!,
      templates,
      endpoint: cfg.ALIYUN_SMS_ENDPOINT,
      protocol: cfg.ALIYUN_SMS_PROTOCOL,
    }),
    note:
      `SMS through Alibaba Cloud (${cfg.ALIYUN_SMS_ENDPOINT ?? 'dysmsapi.aliyuncs.com'})` +
      (unmapped.length ? `; not registered, so not sent: ${unmapped.join(', ')}` : ''),
  };
}
