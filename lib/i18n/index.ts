export { MESSAGES, LOCALES, type Locale, type Messages } from "./messages";
