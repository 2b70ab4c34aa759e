/**
 * The one door between the renderer and the services: sender check, channel check, request
 * schema, handler, response schema — in that order. Whatever happens, the caller receives an
 * {@link IpcResult}; exceptions, stacks and unplanned fields never cross the boundary.
 */
import type { z } from 'zod';
import {
  ipcContract,
  isIpcChannel,
  type IpcChannel,
  type IpcErrorCode,
  type IpcErrorInfo,
  type IpcHandlerResult,
  type IpcParsedRequest,
  type IpcResult,
} from './contract.ts';

/** The frame that sent a request, as Electron's `event.senderFrame` describes it. */
export interface SenderInfo {
  readonly url: string;
  /** The parent frame; null (or absent) for a top-level frame. */
  readonly parent: unknown;
}

export interface HandlerContext {
  readonly sender: SenderInfo;
}

export type IpcHandler<C extends IpcChannel> = (
  request: IpcParsedRequest<C>,
  context: HandlerContext,
) => Promise<IpcHandlerResult<C>> | IpcHandlerResult<C>;

export type IpcHandlers = { readonly [C in IpcChannel]: IpcHandler<C> };

/** A failure the dispatcher reports to the main-process log (never to the renderer). */
export interface InternalFailure {
  readonly channel: IpcChannel | 'unknown';
  readonly code: Extract<IpcErrorCode, 'HANDLER_FAILED' | 'INVALID_RESPONSE'>;
  readonly error: unknown;
}

export interface DispatcherOptions {
  /** Decides whether a frame may talk to the services at all (top frame of the app origin). */
  readonly isTrustedSender: (sender: SenderInfo | null | undefined) => boolean;
  /** Where handler crashes and contract breaches are logged; defaults to stderr. */
  readonly reportInternalFailure?: (failure: InternalFailure) => void;
}

export type Dispatch = (
  channel: unknown,
  payload: unknown,
  sender: SenderInfo | null | undefined,
) => Promise<IpcResult<unknown>>;

/** Base of every failure the dispatcher turns into an {@link IpcErrorInfo}. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
  toInfo(): IpcErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export class IpcUnknownChannelError extends IpcError {
  constructor() {
    super('UNKNOWN_CHANNEL', 'Airlock has no IPC channel by that name.');
  }
}

export class IpcUntrustedSenderError extends IpcError {
  constructor() {
    super('UNTRUSTED_SENDER', 'Only the Airlock window itself may call Airlock services; the request was refused.');
  }
}

/** The request did not match the channel's schema. The message names the fields, never values. */
export class IpcValidationError extends IpcError {
  constructor(channel: IpcChannel, issues: readonly z.core.$ZodIssue[]) {
    super('INVALID_REQUEST', `Invalid request for "${channel}": ${describeIssues(issues)}`);
  }
}

/**
 * Thrown by a handler when its message is written for the person at the screen; it is passed
 * through as HANDLER_FAILED. Any other error from a handler is replaced by a generic message.
 */
export class IpcHandlerError extends IpcError {
  constructor(message: string) {
    super('HANDLER_FAILED', message);
  }
}

export class IpcResponseContractError extends IpcError {
  constructor(channel: IpcChannel) {
    super(
      'INVALID_RESPONSE',
      `Airlock produced a reply for "${channel}" that its contract does not allow, so it was withheld. ` +
        'This is a bug; the details are in the main-process log.',
    );
  }
}

const MAX_ISSUES = 3;
const MAX_MESSAGE = 300;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(request)';
    return `${where}: ${issue.message}`;
  });
  if (issues.length > MAX_ISSUES) parts.push(`and ${issues.length - MAX_ISSUES} more`);
  const text = parts.join('; ');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

function defaultReport(failure: InternalFailure): void {
  const detail = failure.error instanceof Error ? (failure.error.stack ?? failure.error.message) : String(failure.error);
  process.stderr.write(`airlock ipc: ${failure.channel} ${failure.code}: ${detail}\n`);
}

function failure(error: IpcError): IpcResult<never> {
  return { ok: false, error: error.toInfo() };
}

export function createDispatcher(handlers: IpcHandlers, options: DispatcherOptions): Dispatch {
  const report = (failure: InternalFailure): void => {
    try {
      (options.reportInternalFailure ?? defaultReport)(failure);
    } catch (error) {
      defaultReport({ ...failure, error: new AggregateError([failure.error, error], 'the failure reporter failed') });
    }
  };

  async function dispatchChecked(channel: unknown, payload: unknown, sender: SenderInfo | null | undefined) {
    // The sender is judged first, so an untrusted frame learns nothing, not even channel names.
    if (!sender || !options.isTrustedSender(sender)) return failure(new IpcUntrustedSenderError());
    if (!isIpcChannel(channel) || !Object.hasOwn(handlers, channel)) return failure(new IpcUnknownChannelError());

    const schemas = ipcContract[channel];
    const request = schemas.request.safeParse(payload);
    if (!request.success) return failure(new IpcValidationError(channel, request.error.issues));

    let result: unknown;
    try {
      const handler = handlers[channel] as IpcHandler<typeof channel>;
      result = await handler(request.data, { sender });
    } catch (error) {
      if (error instanceof IpcHandlerError) return failure(error);
      report({ channel, code: 'HANDLER_FAILED', error });
      return failure(
        new IpcError('HANDLER_FAILED', `"${channel}" failed inside Airlock; the details are in the main-process log.`),
      );
    }

    const response = schemas.response.safeParse(result);
    if (!response.success) {
      report({ channel, code: 'INVALID_RESPONSE', error: response.error });
      return failure(new IpcResponseContractError(channel));
    }
    return { ok: true, value: response.data } as const;
  }

  return async function dispatch(channel, payload, sender) {
    try {
      return await dispatchChecked(channel, payload, sender);
    } catch (error) {
      // Only a bug in the checks themselves lands here; the renderer still gets a value, not a throw.
      report({ channel: isIpcChannel(channel) ? channel : 'unknown', code: 'HANDLER_FAILED', error });
      return failure(new IpcError('HANDLER_FAILED', 'Airlock could not handle that request; the details are in the main-process log.'));
    }
  };
}
