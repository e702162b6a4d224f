/** The time port: services ask it for "now", so rules that depend on time (expiry) are tested without waiting. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
