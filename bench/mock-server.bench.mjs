#!/usr/bin/env node
// How fast the mock's loopback server answers, against a bare node:http server
// answering a fixed body of the same size, in the same process and run.
//
//   npm run build && node bench/mock-server.bench.mjs [--duration 3] [--rounds 5] [--connections 10] [--scenarios bare,imds,sts,imds-msw]
//   node bench/mock-server.bench.mjs --duration 60 --rounds 1 --connections 1000 --scenarios bare,imds,sts   (saturation)
//
// The servers run in a worker thread, autocannon in the main thread, so the
// load generator does not share an event loop with the server it measures.
// Scenarios, run in alternating order each round (so drift hits all alike):
//   bare     node:http answering a fixed body (the IMDS credentials JSON's size)
//   imds     GET /latest/meta-data/iam/security-credentials/ROLE with a token fetched once
//   sts      POST / GetCallerIdentity signed once per round with aws4: a SigV4 signature over
//            a fixed X-Amz-Date stays valid while within the mock's maxSkewS (900 s)
//   imds-msw the imds request through MSW: a node:http server that builds a Fetch Request
//            and answers with msw's getResponse(handlers(mock), request)
// Throttles are off: this measures the servers, not the token buckets.
// Prints the median req/s of each over the rounds and the median of its per-round
// ratio to bare, and how many of the connections got at least one answer (a
// connection never answered is accept starvation). Targets: imds >= 50%,
// sts >= 24%, every connection answered.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

if (isMainThread) await main();
else await serve();

// ---- worker: the servers ------------------------------------------------------
async function serve() {
  const { getResponse } = await import('msw');
  const { createMockAws, handlers, startMockServer } = await import('@rolecall/mock-aws');
  const mock = createMockAws({ faults: { throttle: { imds: null, sts: null, container: null } } }, { clockMode: 'real' });
  const server = await startMockServer(mock, { port: 0 });
  const credentialsPath = `/latest/meta-data/iam/security-credentials/${mock.config.instance.role}`;
  const token = String((await mock.handle(neutral('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }))).body);
  const credentials = await mock.handle(neutral('GET', credentialsPath, { 'x-aws-ec2-metadata-token': token }));
  const fixed = Buffer.alloc(Buffer.byteLength(String(credentials.body)), 'x');

  const bare = createServer({ keepAlive: true }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(fixed.length) });
      res.end(fixed);
    });
  });

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
      if (response === undefined) return void res.writeHead(404).end();
      const body = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': String(body.length) });
      res.end(body);
    });
  });

  const user = mock.config.users[0];
  parentPort.on('message', async (message) => {
    if (message === 'reset') {
      mock.reset();
      const fresh = String((await mock.handle(neutral('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }))).body);
      parentPort.postMessage({ token: fresh });
    } else if (message === 'close') {
      await server.close();
      for (const s of [bare, msw]) {
        s.close();
        s.closeAllConnections();
      }
      parentPort.close();
    }
  });
  parentPort.postMessage({
    mockUrl: server.url,
    bareUrl: await listen(bare),
    mswUrl: await listen(msw),
    credentialsPath,
    token,
    user: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
  });
}

function neutral(method, path, headers) {
  return { method, path, headers, body: new Uint8Array(0), client: 'bench', host: '127.0.0.1' };
}

function listen(server) {
  // The same accept queue as the mock's server (4096), so the baseline is not handicapped at 1000 connections.
  return new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

// ---- main thread: autocannon ----------------------------------------------------
async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      scenarios: { type: 'string', default: 'bare,imds,sts,imds-msw' },
    },
  });
  const duration = Number(values.duration);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const { default: autocannon } = await import('autocannon');
  const { default: aws4 } = await import('aws4');

  const worker = new Worker(new URL(import.meta.url));
  const next = () => new Promise((resolve) => worker.once('message', resolve));
  const setup = await next();
  let token = setup.token;

  const stsRequest = () => {
    const signed = aws4.sign(
      {
        host: new URL(setup.mockUrl).host,
        path: '/',
        method: 'POST',
        service: 'sts',
        region: 'us-east-1',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      },
      setup.user,
    );
    const headers = { ...signed.headers };
    delete headers.Host;
    delete headers['Content-Length'];
    return { method: 'POST', headers, body: signed.body };
  };
  const scenario = (name) => {
    switch (name) {
      case 'bare':
        return { url: setup.bareUrl };
      case 'imds':
        return { url: `${setup.mockUrl}${setup.credentialsPath}`, headers: { 'x-aws-ec2-metadata-token': token } };
      case 'sts':
        return { url: setup.mockUrl, ...stsRequest() };
      case 'imds-msw':
        return { url: `${setup.mswUrl}${setup.credentialsPath}`, headers: { 'x-aws-ec2-metadata-token': token } };
      default:
        throw new Error(name);
    }
  };

  const names = values.scenarios.split(',');
  const results = Object.fromEntries(names.map((n) => [n, []]));
  const coverage = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    // Keep the journal from growing across rounds; the reset drops tokens, so take a fresh one.
    worker.postMessage('reset');
    token = (await next()).token;
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      // One autocannon client is one connection: count those that got at least one answer.
      let clients = 0;
      const answeredClients = new Set();
      const setupClient = (client) => {
        const id = clients++;
        client.on('response', () => answeredClients.add(id));
      };
      const result = await autocannon({ ...scenario(name), connections, duration, pipelining: 1, setupClient });
      const answered = `${answeredClients.size} of ${clients} connections answered`;
      console.log(`round ${round + 1} ${name.padEnd(9)} ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${answered}`);
      if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} answers were not 2xx: the scenario is broken, not slow`);
      if (result.errors + result.timeouts > 0) console.log(`  ${name}: errors ${result.errors}, timeouts ${result.timeouts} of ${result.requests.total}`);
      results[name].push(result.requests.average);
      coverage[name].push(`${answeredClients.size}/${clients}`);
    }
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // The ratio is taken within each round (the machine's load drifts between rounds), then the median over rounds.
  const ratio = (name) => median(results[name].map((v, i) => v / results.bare[i]));
  console.log(`\nmedian of ${rounds} rounds x ${duration}s, ${connections} connections, node ${process.version}`);
  console.log('scenario    req/s   vs bare (median of per-round ratios)   connections answered per round');
  for (const name of names) {
    console.log(`${name.padEnd(9)} ${String(Math.round(median(results[name]))).padStart(7)}   ${`${(ratio(name) * 100).toFixed(0)}%`.padEnd(38)} ${coverage[name].join(', ')}`);
  }
  if (names.includes('imds')) {
    const imdsRatio = ratio('imds');
    console.log(`\nIMDS credentials GET at ${(imdsRatio * 100).toFixed(0)}% of bare node:http (target >= 50%): ${imdsRatio >= 0.5 ? 'met' : 'NOT met'}`);
  }
  if (names.includes('sts')) {
    const stsRatio = ratio('sts');
    console.log(`STS GetCallerIdentity (SigV4 verified) at ${(stsRatio * 100).toFixed(0)}% of bare node:http (target >= 24%): ${stsRatio >= 0.24 ? 'met' : 'NOT met'}`);
  }
  worker.postMessage('close');
}
