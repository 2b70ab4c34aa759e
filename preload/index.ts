/**
 * Sandboxed preload: exposes `window.airlock.invoke(channel, request)` for the contract's channels
 * and nothing else. A channel the contract does not name is refused here, before any IPC happens;
 * the main process validates the sender, the request and the response again.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { AIRLOCK_API_KEY, IPC_CHANNELS, createAirlockApi } from '../main/ipc/contract.ts';

const api = createAirlockApi(IPC_CHANNELS, (channel, request) => ipcRenderer.invoke(channel, request));

contextBridge.exposeInMainWorld(AIRLOCK_API_KEY, api);
