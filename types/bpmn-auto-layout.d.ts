declare module 'bpmn-auto-layout' {
  /** Returns the model with diagram information for its (first) process. */
  export function layoutProcess(xml: string): Promise<string>;
}
