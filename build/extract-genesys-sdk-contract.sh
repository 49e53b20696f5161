#!/usr/bin/env bash
# Extracts the Architect prompt contract (routes, query parameters, request/response models) from the official
# Genesys Cloud JavaScript SDK into tests/fixtures/genesys-sdk/architect-prompts-contract.json, the independent oracle
# of tests/MediaCompiler.Genesys.Tests/SdkContract. Routes come from running the SDK's own ArchitectApi methods (and
# AuthorizationApi.getAuthorizationDivisions, the division lookup of IvrGenesysDivision)
# against a recording ApiClient (so path templates and query names are what the SDK really sends); request and
# response model names and every model's fields come from the SDK's index.d.ts.
#
#   bash build/extract-genesys-sdk-contract.sh            # pinned version below
#   GENESYS_SDK_VERSION=263.0.0 bash build/extract-genesys-sdk-contract.sh   # to see what a newer SDK changes
#
# Needs node and npm (the npm registry). Re-run it to upgrade the pinned SDK, then run the SdkContract tests.
set -euo pipefail

sdk_name=purecloud-platform-client-v2
sdk_version=${GENESYS_SDK_VERSION:-262.0.0}
repo_root=$(cd "$(dirname "$0")/.." && pwd)
out="$repo_root/tests/fixtures/genesys-sdk/architect-prompts-contract.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm install --silent --no-audit --no-fund --prefix "$work" "$sdk_name@$sdk_version" >/dev/null
sdk_dir="$work/node_modules/$sdk_name"

SDK_DIR="$sdk_dir" SDK_NAME="$sdk_name" SDK_VERSION="$sdk_version" OUT="$out" node --input-type=module - <<'JS'
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const fs = require('fs');
const path = require('path');
const sdkDir = process.env.SDK_DIR;
const installed = JSON.parse(fs.readFileSync(path.join(sdkDir, 'package.json'), 'utf8')).version;
if (installed !== process.env.SDK_VERSION) throw new Error(`npm installed ${installed}, not ${process.env.SDK_VERSION}`);
const sdk = require(sdkDir);

// The routes of the prompt surface our emulator and client speak: user prompts and dependency tracking, and the
// division listing a build resolves IvrGenesysDivision with (AuthorizationApi.getAuthorizationDivisions).
const surfaces = [
  { api: 'ArchitectApi', inScope: (p, m) => p.startsWith('/api/v2/architect/prompts') || p.startsWith('/api/v2/architect/dependencytracking') },
  { api: 'AuthorizationApi', inScope: (p, m) => p === '/api/v2/authorization/divisions' && m === 'GET' },
];

// 1. Run every ArchitectApi method against a recording client: its callApi arguments are the route definition.
const calls = [];
const recorder = { callApi: (...args) => { calls.push(args); return Promise.resolve(); }, buildCollectionParam: p => p };
const routes = [];
for (const surface of surfaces) {
const api = new sdk[surface.api](recorder);
const source = fs.readFileSync(path.join(sdkDir, `src/purecloud-platform-client-v2/api/${surface.api}.js`), 'utf8');
for (const operation of Object.getOwnPropertyNames(sdk[surface.api].prototype).filter(n => n !== 'constructor').sort()) {
  const positional = api[operation].length - 1; // the last parameter is opts
  const sentinels = Array.from({ length: positional }, (_, i) => `__arg${i}__`);
  calls.length = 0;
  api[operation](...sentinels, {});
  const [pathTemplate, method, pathParams, queryParams, , , body] = calls[0];
  if (!surface.inScope(pathTemplate, method)) continue;
  const comment = source.slice(0, source.indexOf(`\t${operation}(`)).split('/**').pop();
  routes.push({
    api: surface.api, operation, method, path: pathTemplate,
    pathParams: Object.keys(pathParams),
    query: Object.keys(queryParams),
    requiredQuery: Object.keys(queryParams).filter(k => sentinels.includes(queryParams[k])),
    hasBody: body !== null,
    preview: /is a preview method/.test(comment),
    deprecated: /@deprecated|deprecated/i.test(comment),
  });
}
}

// 2. Types from index.d.ts: each method's body and answer model, then the models they reach.
const dts = fs.readFileSync(path.join(sdkDir, 'index.d.ts'), 'utf8');
for (const route of routes) {
  const classBody = dts.slice(dts.indexOf(`declare class ${route.api} {`));
  const sig = new RegExp(`\\n\\s*${route.operation}\\((.*)\\): Promise<(.*)>;`).exec(classBody);
  if (!sig) throw new Error(`index.d.ts has no signature for ${route.operation}`);
  const bodyType = /body\??: Models\.(\w+)/.exec(sig[1]);
  route.body = route.hasBody ? (bodyType ? bodyType[1] : 'object') : null;
  route.response = sig[2] === 'void' ? null : sig[2].replace(/^Models\./, '');
  delete route.hasBody;
  delete route.api;
}
const modelsStart = dts.indexOf('declare namespace Models {');
const models = {};
const interfaceRe = /export interface (\w+) \{([\s\S]*?)\n\t\}/g;
interfaceRe.lastIndex = modelsStart;
const all = {};
for (let m; (m = interfaceRe.exec(dts));) {
  const fields = {};
  for (const f of m[2].matchAll(/\n\t\t"(\w+)"(\??): (.*);/g)) fields[f[1]] = { type: f[3].replace(/Models\./g, ''), required: f[2] !== '?' };
  all[m[1]] = fields;
}
// Follow field types two levels from the route models: deep enough for every shape we serve or read
// (listing → Prompt → PromptAsset → AudioFormat), without copying the SDK's whole model graph (Operation → User → …).
const queue = routes.flatMap(r => [r.body, r.response]).filter(Boolean).map(n => [n, 0]).concat([['ErrorBody', 0]]);
while (queue.length) {
  const [name, depth] = queue.shift();
  if (models[name] || !all[name]) continue;
  models[name] = all[name];
  if (depth >= 3) continue;
  for (const f of Object.values(all[name])) for (const ref of f.type.match(/\b[A-Z]\w+/g) || []) if (all[ref]) queue.push([ref, depth + 1]);
}
// 3. The SDK's own wire form of calls whose array parameters matter: the whole request pipeline (ApiClient.serialize
// and axios' URL building) run with a capturing HttpClient, so the fixture holds the exact query the SDK sends.
const axios = require(require.resolve('axios', { paths: [sdkDir] }));
const sent = [];
class Capture extends sdk.AbstractHttpClient {
  request(options) {
    const config = new sdk.DefaultHttpClient().toAxiosConfig(options);
    sent.push({ method: config.method.toUpperCase(), url: axios.getUri(config).replace('https://api.mypurecloud.com', ''), body: config.data ?? null });
    return Promise.resolve({ status: 200, data: {}, headers: {} });
  }
}
const wireClient = new sdk.ApiClientClass();
wireClient.setHttpClient(new Capture());
wireClient.setEnvironment('mypurecloud.com');
wireClient.setAccessToken('token');
const wireApi = new sdk.ArchitectApi(wireClient);
const examples = [
  ['getArchitectPrompts', 'two names', () => wireApi.getArchitectPrompts({ name: ['SdkWire_a', 'SdkWire_b'], pageSize: 100 })],
  ['getArchitectPrompts', 'two languages', () => wireApi.getArchitectPrompts({ name: ['SdkWire_a'], language: ['en-us', 'fr-fr'] })],
  ['deleteArchitectPrompts', 'two ids', () => wireApi.deleteArchitectPrompts(['id-a', 'id-b'])],
];
const sdkRequests = [];
for (const [operation, call, run] of examples) {
  sent.length = 0;
  await run();
  sdkRequests.push({ operation, call, ...sent[0] });
}

const sorted = Object.fromEntries(Object.keys(models).sort().map(k => [k, models[k]]));

const fixture = {
  sdk: { name: process.env.SDK_NAME, version: installed, language: 'JavaScript', registry: 'npm',
         routesFrom: 'src/purecloud-platform-client-v2/api/ArchitectApi.js and AuthorizationApi.js (each method run against a recording ApiClient)',
         modelsFrom: 'index.d.ts (declare class ArchitectApi, AuthorizationApi; declare namespace Models)' },
  generatedBy: 'build/extract-genesys-sdk-contract.sh',
  notInSdk: [
    { route: 'POST /oauth/token', why: 'Not an API route in the SDK: ApiClient.loginClientCredentialsGrant posts grant_type=client_credentials with Basic base64(utf8(id:secret)) to <login host>/oauth/token and reads access_token and expires_in; no model.' },
    { route: 'POST <uploadUri> (/uploads/v2/ivr)', why: 'No SDK method: the address arrives inside PromptAsset.uploadUri; its multipart upload is outside every SDK.' },
    { route: 'GET <mediaUri>', why: 'A pre-signed storage link read without the API; no SDK method.' },
  ],
  routes,
  sdkRequests,
  models: sorted,
};
fs.writeFileSync(process.env.OUT, JSON.stringify(fixture, null, 2) + '\n');
console.log(`${routes.length} routes, ${Object.keys(sorted).length} models from ${process.env.SDK_NAME} ${installed} -> ${process.env.OUT}`);
JS
