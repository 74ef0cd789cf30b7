// Entry point: mounts the app and routes in-app link clicks through the history API.
import { render } from 'preact';
import { App } from './App';
import { followLink } from './router';
import './styles.css';

document.addEventListener('click', followLink);
render(<App />, document.getElementById('app')!);
