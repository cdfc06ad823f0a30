// Time is a parameter everywhere below this; this is the one place that reads the wall clock.
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
