/*
 * The condition language of `<expect_init_state>` (spec/init.md §7.2),
 * evaluated against init's state report:
 *
 *   <attribute name="A" value="X"/>      A equals X (≤ 63 characters; missing reads as "")
 *   <attribute name="A" higher="N"/>     A as num_bytes (missing: 0) > N; likewise lower="N"
 *   <node name="T"> conditions </node>   some sub node of type T satisfies the conditions
 *   <not> conditions </not>              the conjunction of the conditions is false
 *
 * All conditions of a list must hold; as in Genode's test, evaluation of a
 * list stops at the first condition that does not.
 */

import { parseNumBytes, type XmlNode } from 'nido';

/* Genode's test reads names as String<32> and values as String<64>. */
const MAX_NAME = 31;
const MAX_VALUE = 63;

/** Reports a condition that cannot be evaluated (Genode logs it as an error). */
export type ConditionError = (text: string) => void;

function numBytes(text: string | undefined): number {
  return text === undefined ? 0 : parseNumBytes(text) ?? 0;
}

function attributeMatches(condition: XmlNode, node: XmlNode, error: ConditionError): boolean {
  const name = condition.stringAttribute('name', '').slice(0, MAX_NAME);
  const actual = node.attribute(name);
  const value = condition.attribute('value');
  if (value !== undefined) return (actual ?? '').slice(0, MAX_VALUE) === value.slice(0, MAX_VALUE);
  const higher = condition.attribute('higher');
  if (higher !== undefined) return numBytes(actual) > numBytes(higher);
  const lower = condition.attribute('lower');
  if (lower !== undefined) return numBytes(actual) < numBytes(lower);
  error('missing condition in <attribute> node');
  return false;
}

/** Whether `node` satisfies every condition among the sub nodes of `expected`. */
export function conditionsHold(expected: XmlNode, node: XmlNode, error: ConditionError): boolean {
  let holds = true;
  for (const condition of expected.children()) {
    switch (condition.type) {
      case 'attribute':
        holds = holds && attributeMatches(condition, node, error);
        break;
      case 'node': {
        const type = condition.stringAttribute('name', '').slice(0, MAX_NAME);
        holds = holds && node.children(type).some((sub) => conditionsHold(condition, sub, error));
        break;
      }
      case 'not':
        holds = holds && !conditionsHold(condition, node, error);
        break;
    }
  }
  return holds;
}
