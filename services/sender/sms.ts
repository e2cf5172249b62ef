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
}

/** Records only: `npm start`'s default, so a demo never texts a real phone. */
export const demoSms: SmsAdapter = {
  name: 'demo',
  recordsOnly: true,
  async send(msg) {
    return { providerRef: `demo:${msg.idempotencyKey}` };
  },
};
