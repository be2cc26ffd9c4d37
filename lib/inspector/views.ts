import { describeError, describeFailure, isError, safeGet, typeName } from '../errors';
import type { SystemEvent, TreeNode } from '../types';

/** One node of the tree as the page draws it. @internal */
export interface NodeView {
  readonly path: string;
  readonly kind: TreeNode['kind'];
  readonly restarts: number;
  readonly mailboxSize: number;
  readonly thread?: number;
  /** Messages per second delivered to it (a group: to its members too); 0 without `inspect()`. */
  readonly rate: number;
  readonly children: readonly NodeView[];
}

/** A `failed` event, reduced to strings that always serialize. @internal */
export interface ErrorView {
  readonly id: number;
  /** Wall-clock ms when the inspector saw it. */
  readonly at: number;
  readonly path: string;
  readonly name: string;
  readonly message: string;
  /** `name: message`, the stack frames and the cause chain. */
  readonly stack: string;
  /** The type of the message whose handler failed, if any. */
  readonly messageType?: string;
}

/** A lifecycle or node event, reduced to strings. @internal */
export interface EventView {
  readonly id: number;
  readonly at: number;
  readonly type: string;
  readonly path: string;
  readonly reason?: string;
  readonly node?: string;
}

const MAX_STACK = 8000;
const MAX_TEXT = 2000;

/** The tree with each node's rate; a group counts its members' deliveries too. @internal */
export function nodeView(node: TreeNode, rates: ReadonlyMap<string, number>): NodeView {
  const children = node.children.map((child) => nodeView(child, rates));
  let rate = rates.get(node.path) ?? 0;
  if (node.kind === 'group') for (const member of children) rate += member.rate;
  const view: NodeView = {
    path: String(node.path),
    kind: node.kind,
    restarts: Number(node.restarts),
    mailboxSize: Number(node.mailboxSize),
    rate: Math.round(rate * 10) / 10,
    children,
  };
  return typeof node.thread === 'number' ? { ...view, thread: node.thread } : view;
}

/** The parts of a thrown value; never throws, whatever it is (hostile getters, proxies, cycles). @internal */
export function errorView(id: number, at: number, event: SystemEvent): ErrorView {
  const error = event.error;
  let name = 'Thrown value';
  let message = describeError(error);
  if (isError(error)) {
    const ownName = safeGet(error, 'name');
    const ownMessage = safeGet(error, 'message');
    name = typeof ownName === 'string' && ownName.length > 0 ? ownName : 'Error';
    message = typeof ownMessage === 'string' ? ownMessage : '(its message cannot be read)';
  }
  const view: ErrorView = {
    id,
    at,
    path: String(event.path),
    name: clip(name, 200),
    message: clip(message, MAX_TEXT),
    stack: clip(describeFailure(error), MAX_STACK),
  };
  return 'message' in event && event.message !== undefined ? { ...view, messageType: typeName(event.message) } : view;
}

/** An event's type, path, reason and node, as strings. @internal */
export function eventView(id: number, at: number, event: SystemEvent): EventView {
  const view: { -readonly [K in keyof EventView]: EventView[K] } = { id, at, type: String(event.type), path: String(event.path) };
  if (typeof event.reason === 'string') view.reason = clip(event.reason, 200);
  if (typeof event.node === 'string') view.node = clip(event.node, 200);
  return view;
}

/**
 * The local path of an address: on node `a`, `rampart://a/app/x` gives `/app/x`; a path
 * stays itself, and another node's address too (it matches no local node). @internal
 */
export function pathOf(address: string, node: string): string {
  if (address.startsWith('/')) return address;
  const prefix = `rampart://${node}/`;
  return address.startsWith(prefix) ? address.slice(prefix.length - 1) : address;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
