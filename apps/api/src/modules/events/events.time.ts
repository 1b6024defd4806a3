// The wall-time arithmetic lives in packages/shared: the web reads form times in the event's zone too.
export { isTimeZone, localOf, normaliseLocal, offsetMinutesAt, zonedToInstant } from '@mutirao/shared/zoned-time';
