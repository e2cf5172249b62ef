// The SMS port: what the sender needs of a provider, and the demo adapter that sends nothing and
// records exactly what would have been sent (the delivery's `rendered` text, readable in the console).

export interface SmsMessage {
  /** The number, in clear only for the length of the call. */
  phone: string;
  template: string;
  params: Record<string, string>;
  /** The text the phone shows (signature + template filled in), for the record. */
  text: string;
  /** Unique per message; providers echo it back (OutId / SessionContext), lookups find it by it. */
  idempotencyKey: string;
}

/** A message the provider took, as a receipt check needs it (the number in clear only for the call). */
export interface SentSms {
  phone: string;
  /** The provider's reference (Alibaba Cloud's BizId), or our idempotency key when it was found by lookup. */
  providerRef: string | null;
  idempotencyKey: string;
  /** When we recorded it sent: the provider files its details under that China day. */
  sentAt: Date;
}

/**
 * What the provider knows of a sent message (its delivery receipt, 回执): delivered to the handset (at
 * when), failed at the carrier or handset (error: the provider's code), or no receipt yet.
 */
export interface SmsReceipt {
  state: 'delivered' | 'failed' | 'pending';
  at?: Date;
  error?: string;
}

export class SmsRefused extends Error {
  /** A permanent refusal (bad number, template not approved) is not retried; anything else is. */
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface SmsAdapter {
  readonly name: string;
  /**
   * True when recording the message and marking it sent are one database write (the demo): then a
   * crash cannot leave a message sent but unrecorded, and nothing needs looking up after one.
   */
  readonly recordsOnly: boolean;
  send(msg: SmsMessage): Promise<{ providerRef: string }>;
  /**
   * After a sender died between calling the provider and recording the answer: did the provider take
   * this message? Null when it did not (so it is sent again), its reference when it did.
   */
  lookup?(msg: SmsMessage, since: Date): Promise<{ providerRef: string } | null>;
  /**
   * The delivery receipt of a sent message. Absent when the provider gives none: its messages stay
   * 'sent'. Throws when the provider cannot be asked (the sender asks again later).
   */
  status?(msg: SentSms): Promise<SmsReceipt>;
}

/**
 * Records only: `npm start`'s default, so a demo never texts a real phone. It has no `status`: nothing
 * reached a handset, so its messages stay 已发送 (sent: handed over, here to the record) and never read
 * 已送达 (delivered), which would tell a clerk that a citizen has the text when nobody does.
 */
export const demoSms: SmsAdapter = {
  name: 'demo',
  recordsOnly: true,
  async send(msg) {
    return { providerRef: `demo:${msg.idempotencyKey}` };
  },
};
