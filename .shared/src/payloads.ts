// How the Worker reads a workflow's input, and how messages quote it (one
// master copy for all samples: .shared/ in the repository). Input can come
// from any client, not only our starter. The SDK decodes a workflow's
// arguments before the workflow runs, where a payload it cannot read (an
// unknown encoding, text that is not JSON) fails the workflow task, retried
// for ever. Read by this converter, such a payload becomes an Unreadable
// value, which the workflow's input check refuses like any wrong input: the
// workflow fails. The Worker bundles this file into the workflow sandbox, so
// it imports only what workflow code may.
import {
  defaultPayloadConverter,
  type PayloadConverter,
} from '@temporalio/workflow';

/** A payload that could not be decoded, and why. */
export class Unreadable {
  constructor(readonly reason: string) {}
}

/** The SDK's default converter; what it cannot read becomes Unreadable. */
export const payloadConverter: PayloadConverter = {
  toPayload: (...args) => defaultPayloadConverter.toPayload(...args),
  fromPayload(...args) {
    try {
      return defaultPayloadConverter.fromPayload(...args);
    } catch (error) {
      // The error may quote the input: bounded like any message.
      return new Unreadable(quote(String(error))) as never;
    }
  },
};

/** A value for a message: at most 80 characters of it, then its length. */
export function quote(value: unknown): string {
  if (value instanceof Unreadable) return `unreadable input (${value.reason})`;
  // Not instanceof Uint8Array: the bytes may come from the Worker's realm.
  if (ArrayBuffer.isView(value)) return `${value.byteLength} bytes of binary`;
  const text = JSON.stringify(value) ?? 'missing';
  if (text.length <= 80) return text;
  const length = typeof value === 'string' ? value.length : text.length;
  return `${text.slice(0, 80)}... (${length} characters)`;
}

/** An object as JSON makes one: not an array, bytes or an Unreadable. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  Object.prototype.toString.call(value) === '[object Object]' &&
  !(value instanceof Unreadable);
