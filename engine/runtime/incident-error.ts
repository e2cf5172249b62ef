/** A business failure that becomes an incident (not a crashed command). */
export class IncidentError extends Error {
  constructor(
    public readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}
