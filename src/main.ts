import { mount } from 'svelte';
import App from './routes/App.svelte';
import './routes/app.css';
import { registerServiceWorker } from './sw/register.ts';

mount(App, { target: document.getElementById('app')! });
registerServiceWorker();
