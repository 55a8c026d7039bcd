/*
 * Session labels (spec/init.md §2.1): elements joined by " -> ", prefixed
 * by every parent on the way from the client to the server.
 *
 *   prefixed('init', 'hello')          // 'init -> hello'
 *   lastElement('init -> shell -> vim') // 'vim'
 */

export const LABEL_SEPARATOR = ' -> ';

/** Longest label (Genode labels are 160-byte strings including the NUL). */
export const MAX_LABEL_LENGTH = 159;

/** `prefix -> label`, with no special case for an empty label (a trailing separator remains). */
export function prefixed(prefix: string, label: string): string {
  return prefix + LABEL_SEPARATOR + label;
}

/**
 * The label without the separator an empty last element leaves ("app -> "
 * is "app"): what Genode's prefixed_label makes of a client that gave no
 * label of its own, and what a window title or nitpicker's X-ray label
 * shows of it.
 */
export function withoutTrailingSeparator(label: string): string {
  return label.endsWith(LABEL_SEPARATOR) ? label.slice(0, -LABEL_SEPARATOR.length) : label;
}

/** The text after the last separator, or the whole label. */
export function lastElement(label: string): string {
  const at = label.lastIndexOf(LABEL_SEPARATOR);
  return at < 0 ? label : label.slice(at + LABEL_SEPARATOR.length);
}

/** The text before the last separator; "" for a label of one element. */
export function labelPrefix(label: string): string {
  const at = label.lastIndexOf(LABEL_SEPARATOR);
  return at < 0 ? '' : label.slice(0, at);
}

/** The elements of a label, from the root of the tree to the leaf. */
export function labelElements(label: string): string[] {
  return label.split(LABEL_SEPARATOR);
}

/**
 * The part of `label` a child chose itself: the remainder after
 * `childName -> `, or undefined when the label is not scoped to the child
 * (environment sessions, re-resolved binary requests; spec/init.md §2.4).
 */
export function scopedLabel(childName: string, label: string): string | undefined {
  const prefix = childName + LABEL_SEPARATOR;
  return label.startsWith(prefix) ? label.slice(prefix.length) : undefined;
}
