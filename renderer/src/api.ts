/**
 * The renderer's one API client over `window.airlock` (exposed by the preload). Types come from
 * the IPC contract; failures arrive as values and are raised here as {@link AirlockApiError}.
 */
import type {
  AirlockApi,
  AppInfo,
  IpcChannel,
  IpcErrorCode,
  IpcRequest,
  IpcResponse,
} from '../../main/ipc/contract.ts';

declare global {
  interface Window {
    readonly airlock?: AirlockApi;
  }
}

export type DoctorReport = IpcResponse<'doctor:run'>;
export type DoctorCheck = DoctorReport['checks'][number];

export type ApiErrorCode = IpcErrorCode | 'BRIDGE_MISSING';

export class AirlockApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'AirlockApiError';
    this.code = code;
  }
}

async function call<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const bridge = window.airlock;
  if (!bridge) {
    throw new AirlockApiError(
      'BRIDGE_MISSING',
      'The Airlock bridge is missing: this page was not opened by the Airlock application.',
    );
  }
  const result = await bridge.invoke(channel, request);
  if (!result.ok) throw new AirlockApiError(result.error.code, result.error.message);
  return result.value;
}

export const api = {
  runDoctor: (): Promise<DoctorReport> => call('doctor:run', {}),
  appInfo: (): Promise<AppInfo> => call('app:info', {}),
};
