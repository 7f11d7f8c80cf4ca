import { render } from 'preact';
import { App } from './app';
import { loadConfig } from './config';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  loadConfig()
    .then(() => render(<App />, root))
    .catch((error: unknown) => {
      root.textContent = error instanceof Error ? error.message : String(error);
    });
}
