/*
 * Quota figures as the talk's launchpad window shows them: kilobytes up to
 * 16 MByte ("6144 KByte"), megabytes from there ("16 MByte").
 */

const KiB = 1024;
const MiB = 1024 * 1024;

export function quotaText(bytes: number): string {
  return bytes >= 16 * MiB ? `${Math.floor(bytes / MiB)} MByte` : `${Math.floor(bytes / KiB)} KByte`;
}
