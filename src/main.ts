import { mount } from 'svelte';
import App from './routes/App.svelte';
import './routes/app.css';

mount(App, { target: document.getElementById('app')! });
