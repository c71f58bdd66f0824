import { mount } from 'svelte';
import App from './routes/App.svelte';

mount(App, { target: document.getElementById('app')! });
