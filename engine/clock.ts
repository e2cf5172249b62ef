// The engine's clock. Tests pin or move it through /actuator/clock, as with Zeebe 8.4+; every time
// comparison in the engine uses it (never the database's now()).
export class EngineClock {
  private offsetMs = 0;
  private pinnedMs: number | null = null;
  private listeners: (() => void)[] = [];

  now(): Date {
    return new Date(this.nowMs());
  }
  nowMs(): number {
    return this.pinnedMs ?? Date.now() + this.offsetMs;
  }

  pin(epochMs: number): void {
    this.pinnedMs = epochMs;
    this.changed();
  }
  add(offsetMs: number): void {
    if (this.pinnedMs !== null) this.pinnedMs += offsetMs;
    else this.offsetMs += offsetMs;
    this.changed();
  }
  reset(): void {
    this.pinnedMs = null;
    this.offsetMs = 0;
    this.changed();
  }
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }
  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
