/**
 * Renderer entry: pick the bridge (IPC in the app, HTTP through the web
 * host), install it for the stores, mount the app. A bridge that cannot be
 * created (no token in a browser address) is explained on the page.
 */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { installApi } from './api';
import App from './App.vue';
import { createBridge } from './bridge/createBridge';
import './styles.css';

const root = document.getElementById('app')!;
try {
  const bridge = createBridge();
  installApi(bridge.api, bridge.events, (f) => bridge.pathForFile(f));
  createApp(App).use(createPinia()).mount(root);
} catch (e) {
  root.textContent = e instanceof Error ? e.message : String(e);
  root.setAttribute('role', 'alert');
}
