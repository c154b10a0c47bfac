/**
 * The building blocks of the bridge contract (shared/api.ts). A call is
 * declared once — argument schema, result type, effect — and everything else
 * is derived from that declaration: channel names, the renderer's typed
 * client, the service interfaces main implements, argument validation in the
 * IPC binding and in the web host. Nothing here knows about Electron or HTTP.
 */
import type { z } from 'zod';
import type { Envelope } from './errors';

/** Carries a result type for the type checker only; it holds no value at run time. */
export interface Returns<T> {
  readonly __returns?: T;
}

export function returns<T>(): Returns<T> {
  return {};
}

/**
 * What a call may change, so hosts can gate it without a list of names:
 * - `read`: only reads (dumps, history, current settings).
 * - `local`: changes DumpDesk's own state (sessions, notes, watched folders, symbol path).
 * - `system`: changes the machine (registry, Driver Verifier). The web host refuses
 *   these unless started with `--allow-settings`.
 */
export type CallEffect = 'read' | 'local' | 'system';

/** Argument lists are zod tuples, so calls keep positional arguments: `runCommand(id, line)`. */
export type ArgsSchema = z.ZodTuple;

export interface CallSpec<A extends ArgsSchema = ArgsSchema, R = unknown> {
  readonly summary: string;
  readonly args: A;
  readonly result: Returns<R>;
  readonly effect: CallEffect;
  /**
   * The validated arguments that name files or folders on the host. The web
   * host confines these to the folders it serves; the desktop app trusts them
   * (they come from its own dialogs and drag-and-drop).
   */
  readonly paths?: (args: z.output<A>) => string[];
}

export function call<A extends ArgsSchema, R>(spec: CallSpec<A, R>): CallSpec<A, R> {
  return spec;
}

/** An event main pushes to the renderer; the payload type is phantom like a result. */
export interface EventSpec<P = unknown> {
  readonly summary: string;
  readonly payload: Returns<P>;
}

export function event<P>(summary: string): EventSpec<P> {
  return { summary, payload: returns<P>() };
}

/** service name → method name → call. */
export type Contract = Record<string, Record<string, CallSpec>>;
export type EventContract = Record<string, EventSpec>;

type ArgsIn<C> = C extends CallSpec<infer A, unknown> ? z.input<A> : never;
type ArgsOut<C> = C extends CallSpec<infer A, unknown> ? z.output<A> : never;
type ResultOf<C> = C extends CallSpec<ArgsSchema, infer R> ? R : never;

/** What the renderer calls: every method returns a promise of its result type. */
export type ClientOf<C extends Contract> = {
  readonly [S in keyof C]: {
    readonly [M in keyof C[S]]: (...args: ArgsIn<C[S][M]>) => Promise<ResultOf<C[S][M]>>;
  };
};

/** What main implements: methods receive arguments already validated by the schema. */
export type ServicesOf<C extends Contract> = {
  readonly [S in keyof C]: {
    readonly [M in keyof C[S]]: (...args: ArgsOut<C[S][M]>) => Promise<ResultOf<C[S][M]>> | ResultOf<C[S][M]>;
  };
};

export type PayloadOf<E extends EventSpec> = E extends EventSpec<infer P> ? P : never;

/** Listener registration on the renderer side; returns the function that unsubscribes. */
export type EventsClientOf<E extends EventContract> = {
  on<K extends keyof E & string>(name: K, listener: (payload: PayloadOf<E[K]>) => void): () => void;
};

/** Main's side: push one event to every window / browser tab. */
export type EventSinkOf<E extends EventContract> = <K extends keyof E & string>(name: K, payload: PayloadOf<E[K]>) => void;

/** Every channel starts with this, so a binding can refuse anything else by prefix. */
export const CHANNEL_PREFIX = 'dd:';

export function callChannel(service: string, method: string): string {
  return `${CHANNEL_PREFIX}${service}.${method}`;
}

export function eventChannel(name: string): string {
  return `${CHANNEL_PREFIX}event.${name}`;
}

export interface CallEntry {
  service: string;
  method: string;
  channel: string;
  spec: CallSpec;
}

/** Every call of a contract with its channel, in declaration order. */
export function listCalls(contract: Contract): CallEntry[] {
  const out: CallEntry[] = [];
  for (const [service, methods] of Object.entries(contract)) {
    for (const [method, spec] of Object.entries(methods)) {
      out.push({ service, method, channel: callChannel(service, method), spec });
    }
  }
  return out;
}

export function listEvents(events: EventContract): { name: string; channel: string }[] {
  return Object.keys(events).map((name) => ({ name, channel: eventChannel(name) }));
}

/**
 * The raw form of a client: each method resolves to the envelope instead of
 * throwing. This is what crosses Electron's contextBridge (which copies only
 * the message of an Error, losing its `code`); the renderer's bridge unwraps it.
 */
export type EnvelopeClientOf<C extends Contract> = {
  readonly [S in keyof C]: {
    readonly [M in keyof C[S]]: (...args: ArgsIn<C[S][M]>) => Promise<Envelope<ResultOf<C[S][M]>>>;
  };
};
