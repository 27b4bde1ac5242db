#!/usr/bin/env node
// How fast the mock's loopback server answers, against a bare node:http server
// answering a fixed body of the same size, in the same process and run.
//
//   npm run build && node bench/mock-server.bench.mjs [--duration 3] [--rounds 3] [--connections 10]
//
// Scenarios, run in alternating order each round (so drift hits all alike):
//   bare     node:http answering a fixed body (the IMDS credentials JSON's size)
//   imds     GET /latest/meta-data/iam/security-credentials/ROLE with a token fetched once
//   sts      POST / GetCallerIdentity signed once with aws4: a SigV4 signature over a
//            fixed X-Amz-Date stays valid while within the mock's maxSkewS (re-signed each round)
//   imds-msw the imds request through MSW: a node:http server that builds a Fetch Request
//            and answers with msw's getResponse(handlers(mock), request)
// Prints the median req/s of each over the rounds and its ratio to bare. Target: imds >= 50%.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import aws4 from 'aws4';
import { getResponse } from 'msw';
import { createMockAws, handlers, startMockServer } from '@rolecall/mock-aws';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
  },
});
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

// Throttles off (null): this measures the server, not the token buckets.
const config = { faults: { throttle: { imds: null, sts: null, container: null } } };

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

async function text(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`);
  return res.text();
}

// ---- the mock on loopback ---------------------------------------------------
const mock = createMockAws(config, { clockMode: 'real' });
const server = await startMockServer(mock, { port: 0 });
const role = mock.config.instance.role;
const credentialsPath = `/latest/meta-data/iam/security-credentials/${role}`;
async function imdsHeaders(base) {
  const token = await text(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' } });
  return { 'x-aws-ec2-metadata-token': token };
}
const credentialsBody = await text(`${server.url}${credentialsPath}`, { headers: await imdsHeaders(server.url) });

// ---- bare node:http with a body of the same size ------------------------------
const fixed = Buffer.alloc(Buffer.byteLength(credentialsBody), 'x');
const bare = createServer({ keepAlive: true }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(fixed.length) });
    res.end(fixed);
  });
});
const bareUrl = await listen(bare);

// ---- the MSW path -------------------------------------------------------------
const mswHandlers = handlers(mock, { baseUrls: ['http://127.0.0.1'] });
const msw = createServer({ keepAlive: true }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
    const response = await getResponse(mswHandlers, request);
    if (response === undefined) {
      res.writeHead(404).end();
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': String(body.length) });
    res.end(body);
  });
});
const mswUrl = await listen(msw);

function stsRequest(base) {
  const user = mock.config.users[0];
  const url = new URL(base);
  const signed = aws4.sign(
    {
      host: url.host,
      path: '/',
      method: 'POST',
      service: 'sts',
      region: 'us-east-1',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    },
    { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
  );
  const headers = { ...signed.headers };
  delete headers.Host;
  delete headers['Content-Length'];
  return { method: 'POST', headers, body: signed.body };
}

async function scenario(name) {
  switch (name) {
    case 'bare':
      return { url: bareUrl };
    case 'imds':
      return { url: `${server.url}${credentialsPath}`, headers: await imdsHeaders(server.url) };
    case 'sts':
      return { url: server.url, ...stsRequest(server.url) };
    case 'imds-msw':
      return { url: `${mswUrl}${credentialsPath}`, headers: await imdsHeaders(server.url) };
    default:
      throw new Error(name);
  }
}

const names = ['bare', 'imds', 'sts', 'imds-msw'];
const results = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < rounds; round++) {
  // Keep the journal from growing across rounds; tokens are fetched again after.
  mock.reset();
  const order = round % 2 === 0 ? names : [...names].reverse();
  for (const name of order) {
    const target = await scenario(name);
    const result = await autocannon({ ...target, connections, duration, pipelining: 1 });
    const bad = result.non2xx + result.errors + result.timeouts;
    if (bad > 0) throw new Error(`${name}: ${bad} failed answers out of ${result.requests.total} (non2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
    results[name].push(result.requests.average);
    console.log(`round ${round + 1} ${name.padEnd(9)} ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bareMedian = median(results.bare);
console.log(`\nmedian of ${rounds} rounds x ${duration}s, ${connections} connections, node ${process.version}`);
console.log('scenario   req/s    vs bare');
for (const name of names) {
  const m = median(results[name]);
  console.log(`${name.padEnd(9)} ${String(Math.round(m)).padStart(7)}   ${((m / bareMedian) * 100).toFixed(0)}%`);
}
const imdsRatio = median(results.imds) / bareMedian;
console.log(`\nIMDS credentials GET at ${(imdsRatio * 100).toFixed(0)}% of bare node:http (target >= 50%): ${imdsRatio >= 0.5 ? 'met' : 'NOT met'}`);

await server.close();
bare.close();
msw.close();
bare.closeAllConnections();
msw.closeAllConnections();
