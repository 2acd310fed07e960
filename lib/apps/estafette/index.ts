/**
 * Estafette CI: the chart's facts (`chart`), the config section and its checks (`config`), the values (`values`) and
 * the app profile (`app`).
 *
 * @packageDocumentation
 */
export * from './chart';
export * from './config';
export * from './values';
export * from './app';
