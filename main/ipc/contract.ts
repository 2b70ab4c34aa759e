/**
 * The typed IPC contract: every channel the renderer may call, with the zod schema of its
 * request and of its response. The main process validates both sides against these schemas;
 * the preload exposes exactly these channel names; the renderer imports this file for TYPES only.
 */
import { z } from 'zod';
import type { DoctorReport } from '../doctor/report.ts';

const doctorCheckSchema = z.object({
  name: z.string(),
  status: z.enum(['pass', 'fail', 'info']),
  detail: z.string(),
  remedy: z.string().optional(),
});

const doctorReportSchema = z.object({
  checks: z.array(doctorCheckSchema).readonly(),
  ok: z.boolean(),
});

const appInfoSchema = z.object({
  name: z.literal('Airlock'),
  version: z.string(),
  versions: z.object({
    node: z.string(),
    /** null when the services run outside Electron (the CLI, the browser test harness). */
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
  }),
});

/** Requests are strict: a key the contract does not name is refused, never ignored. */
const noArguments = z.strictObject({});

interface ChannelSchemas {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

export const ipcContract = {
  'doctor:run': { request: noArguments, response: doctorReportSchema },
  'app:info': { request: noArguments, response: appInfoSchema },
} as const satisfies Record<string, ChannelSchemas>;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;

/** What the renderer sends on a channel. */
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
/** What a handler receives once the request has been parsed. */
export type IpcParsedRequest<C extends IpcChannel> = z.output<IpcContract[C]['request']>;
/** What a handler may return (before the response schema strips anything unplanned). */
export type IpcHandlerResult<C extends IpcChannel> = z.input<IpcContract[C]['response']>;
/** What the renderer receives on success. */
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;

export type AppInfo = IpcResponse<'app:info'>;

export const IPC_ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'UNTRUSTED_SENDER',
  'INVALID_REQUEST',
  'HANDLER_FAILED',
  'INVALID_RESPONSE',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

/** The only shape of failure that crosses the process boundary: a code and a safe message. */
export interface IpcErrorInfo {
  readonly code: IpcErrorCode;
  readonly message: string;
}

export type IpcResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: IpcErrorInfo };

/** The API the preload exposes as `window.airlock`. */
export interface AirlockApi {
  invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResult<IpcResponse<C>>>;
}

/** The global name under which the preload exposes {@link AirlockApi}. */
export const AIRLOCK_API_KEY = 'airlock';

export const IPC_CHANNELS: readonly IpcChannel[] = Object.freeze(
  Object.keys(ipcContract) as IpcChannel[],
);

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}

/** Carries one request to the main process (ipcRenderer.invoke, or the test harness binding). */
export type IpcTransport = (channel: string, request: unknown) => Promise<unknown>;

/**
 * Builds the object the preload exposes. It must stay self-contained (no references to anything
 * outside its own body): the browser test harness injects its source text into the page so that
 * the tested `window.airlock` is this very function's output, not a look-alike.
 */
export function createAirlockApi(channels: readonly string[], transport: IpcTransport): AirlockApi {
  const allowed = new Set(channels);
  const api = {
    invoke(channel: string, request: unknown): Promise<unknown> {
      if (typeof channel !== 'string' || !allowed.has(channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: 'Airlock has no IPC channel by that name.' },
        });
      }
      return transport(channel, request);
    },
  };
  return Object.freeze(api) as AirlockApi;
}

// Compile-time guard: the wire schema of doctor:run accepts exactly what runDoctor produces.
type Assignable<From, To> = [From] extends [To] ? true : false;
type Expect<T extends true> = T;
export type DoctorReportMatchesContract = [
  Expect<Assignable<DoctorReport, IpcHandlerResult<'doctor:run'>>>,
  Expect<Assignable<IpcResponse<'doctor:run'>, DoctorReport>>,
];
