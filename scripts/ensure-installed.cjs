// Runs before `npm start` and `npm test`: on a fresh clone (or after the lock file changed)
// installs exactly what package-lock.json says (`npm ci`, which never rewrites the lock), so
// the README's two commands are all a machine with Node.js and npm needs. Plain CommonJS: it runs on the machine's Node 20.
const { execSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const fresh = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs && existsSync(path.join(root, 'node_modules', '.bin', 'node'));
if (!fresh) {
  console.error('Installing the locked dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
