import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { contract, createApi } from '../contract';

// The renderer gets named methods built from the contract, never ipcRenderer itself; listeners never see the
// IPC event (it would expose the sender object).
const api = createApi(contract, {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe(channel, listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
});

contextBridge.exposeInMainWorld('stillroom', api);
